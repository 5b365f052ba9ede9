import { describe, expect, it } from 'vitest';
import { FieldMatcher, readOptOut } from '../../../src/shared/optout';
import { REPLIES, SEED_FIELDS } from './replies';

const matcher = new FieldMatcher(SEED_FIELDS);
const nameOf = new Map(SEED_FIELDS.map((f) => [f.id, f.name]));

function decide(text: string): string | string[] {
  const r = readOptOut(text, { fields: matcher, from: '01012345678' });
  if (r.decision === 'review') return `review:${r.code}`;
  return r.scope === 'all' ? 'all' : r.fieldIds.map((id) => nameOf.get(id)!);
}

describe('opt-out reader: realistic replies', () => {
  it('has at least 60 replies in the table', () => {
    expect(REPLIES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(REPLIES)('%s → %j', (text, expected) => {
    expect(decide(text)).toEqual(expected);
  });
});

describe('opt-out reader: details', () => {
  it('gives a Korean reason for every review', () => {
    const r = readOptOut('다시 받고 싶어요', { fields: matcher });
    expect(r.decision).toBe('review');
    expect(r.reason).toMatch(/[가-힣]/);
  });

  it('names the channel when the text does', () => {
    expect(readOptOut('이메일도 그만 보내세요', { fields: matcher }).channel).toBe('email');
    expect(readOptOut('문자랑 메일 둘 다 수신거부', { fields: matcher }).channel).toBe('both');
    expect(readOptOut('문자 그만', { fields: matcher }).channel).toBe('sms');
    expect(readOptOut('수신거부', { fields: matcher }).channel).toBeNull();
  });

  it('accepts the sender writing their own number', () => {
    expect(readOptOut('010-1234-5678 수신거부', { fields: matcher, from: '01012345678' }).decision).toBe(
      'optout',
    );
  });

  it('derives short names from the field list, never from a fixed list', () => {
    const m = new FieldMatcher([
      { id: 7, code: 'sports', name: '생활체육 교실' },
      { id: 8, code: 'youth', name: '청소년 수련관' },
    ]);
    expect(readOptOut('생활체육 그만', { fields: m }).fieldIds).toEqual([7]);
    expect(readOptOut('청소년 문자 거부', { fields: m }).fieldIds).toEqual([8]);
    // a word two fields share names neither
    const shared = new FieldMatcher([
      { id: 1, code: 'a', name: '민방위 통지서' },
      { id: 2, code: 'b', name: '취학 통지서' },
    ]);
    expect(readOptOut('통지서 그만', { fields: shared }).scope).toBe('all');
  });

  it('uses staff aliases over derived names', () => {
    const m = new FieldMatcher(SEED_FIELDS, [
      { alias: '세금', field: 8 },
      { alias: '설문', field: 'f6' },
    ]);
    expect(readOptOut('세금 문자 그만', { fields: m }).fieldIds).toEqual([8]);
    expect(readOptOut('설문 거부', { fields: m }).fieldIds).toEqual([6]);
  });

  it('ignores inactive fields', () => {
    const m = new FieldMatcher([{ id: 1, code: 'culture', name: '문화공연', active: false }]);
    expect(readOptOut('문화공연 거부', { fields: m }).scope).toBe('all');
  });
});
