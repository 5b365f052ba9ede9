import { Command, CommanderError, Help } from 'commander';
import { AppError } from '../../shared/errors';
import { registerCampaignCommands } from './commands/campaigns';
import { registerGatewayCommands } from './commands/gateways';
import { registerImportCommands } from './commands/import';
import { registerOptOutCommands } from './commands/optout';
import { registerStationCommands } from './commands/stations';
import { registerSubscriberCommands } from './commands/subscribers';
import { registerSurveyCommands } from './commands/surveys';
import { registerPublicCommands } from './commands/public';
import { registerReportCommands } from './commands/reports';
import { registerSystemCommands } from './commands/system';
import { registerUserCommands } from './commands/users';
import { reportError } from './output';

const HEADINGS: [RegExp, string][] = [
  [/^Usage:/gm, '사용법:'],
  [/^Options:/gm, '옵션:'],
  [/^Commands:/gm, '명령:'],
  [/^Arguments:/gm, '인자:'],
  [/^Global Options:/gm, '공통 옵션:'],
  [/\(default: /g, '(기본값: '],
  [/\(choices: /g, '(선택: '],
  // Hangul is two columns wide: pad so commander's alignment (by string length) still holds.
  [/^( {2}\S.*?)\[options\]((?: \S+)*)( {2,})/gm, '$1[옵션]$2$3   '],
  [/^( {2}\S.*?)\[command\]((?: \S+)*)( {2,})/gm, '$1[명령]$2$3   '],
  [/\[options\]/g, '[옵션]'],
  [/\[command\]/g, '[명령]'],
];

/** Korean headings for commander's generated help. */
class KoreanHelp extends Help {
  override formatHelp(cmd: Command, helper: Help): string {
    let text = super.formatHelp(cmd, helper);
    for (const [re, ko] of HEADINGS) text = text.replace(re, ko);
    return text;
  }
}

const COMMANDER_ERRORS: Record<string, string> = {
  'commander.unknownOption': '알 수 없는 옵션입니다',
  'commander.unknownCommand': '알 수 없는 명령입니다',
  'commander.missingArgument': '필요한 인자가 빠졌습니다',
  'commander.optionMissingArgument': '옵션에 값이 빠졌습니다',
  'commander.missingMandatoryOptionValue': '꼭 필요한 옵션이 빠졌습니다',
  'commander.invalidArgument': '인자 값이 올바르지 않습니다',
  'commander.excessArguments': '인자가 너무 많습니다',
};

export function buildProgram(): Command {
  const program = new Command('sotong');
  program
    .description('소통창구 — 구청 전자소통(문자·이메일) 구독자 관리와 발송, 정책고객 설문')
    .option('--db <path>', '데이터베이스 파일 (기본: 앱 데이터 폴더, 환경변수 SOTONG_DB)')
    .option('--json', '결과를 JSON으로 출력')
    .version(readVersion(), '-V, --version', '버전 보기')
    .helpOption('-h, --help', '도움말 보기')
    .helpCommand('help [command]', '명령 도움말 보기')
    .configureHelp({ sortSubcommands: false })
    .showHelpAfterError('(도움말: sotong --help)');
  program.createHelp = () => Object.assign(new KoreanHelp(), program.configureHelp());
  registerSystemCommands(program);
  registerUserCommands(program);
  registerCampaignCommands(program);
  registerImportCommands(program);
  registerSubscriberCommands(program);
  registerStationCommands(program);
  registerOptOutCommands(program);
  registerPublicCommands(program);
  registerGatewayCommands(program);
  registerSurveyCommands(program);
  registerReportCommands(program);
  // Every subcommand inherits the Korean help, exit override and error output.
  const prepare = (c: Command) => {
    c.createHelp = program.createHelp;
    c.helpOption('-h, --help', '도움말 보기');
    c.exitOverride();
    c.configureOutput({ writeErr: () => {} });
    for (const sub of c.commands) prepare(sub);
  };
  prepare(program);
  program.configureOutput({ writeErr: () => {} });
  return program;
}

function readVersion(): string {
  try {
    return require('../../../package.json').version;
  } catch {
    return '0.0.0';
  }
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      const ko = COMMANDER_ERRORS[e.code];
      // commander speaks English; keep only the option or command it names.
      const named = /'([^']+)'/.exec(e.message)?.[1];
      const detail = named ?? e.message.replace(/^error: /, '');
      return reportError(new AppError('VALIDATION', ko ? `${ko}: ${detail}` : detail), json) + 1; // usage errors exit 2
    }
    return reportError(e, json);
  }
}
