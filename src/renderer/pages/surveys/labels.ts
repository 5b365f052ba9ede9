import type { SurveyStatus } from '../../../shared/contract/surveys';

export const SURVEY_STATUS_COLORS: Record<SurveyStatus, string> = {
  draft: 'default',
  published: 'green',
  closed: 'blue',
};

export const REQUEST_STATUS_COLORS: Record<string, string> = {
  submitted: 'gold',
  accepted: 'green',
  returned: 'red',
  withdrawn: 'default',
};

export const pct = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('ko-KR')}%`;
