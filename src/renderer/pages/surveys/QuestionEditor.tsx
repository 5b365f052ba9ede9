import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { QUESTION_TYPE_LABELS, QUESTION_TYPES, type Question } from '../../../shared/contract/surveys';

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

interface Props {
  q: Question;
  /** "1-2": page and position, unique on the screen (label ids) */
  uid: string;
  number: number;
  /** questions on earlier pages: show-if can only point there */
  earlier: Question[];
  onChange: (q: Question) => void;
  onRemove: () => void;
  onMove: (d: -1 | 1) => void;
}

/** One question: every field with a visible label, options and rows one per line. */
export function QuestionEditor({ q, uid, number, earlier, onChange, onRemove, onMove }: Props) {
  const set = (patch: Partial<Question>) => onChange({ ...q, ...patch });
  const id = (k: string) => `q-${uid}-${k}`;
  const src = earlier.find((e) => e.id === q.showIf?.question);
  const choice = q.type === 'single' || q.type === 'multiple';
  return (
    <Card
      size="small"
      title={`${number}. ${QUESTION_TYPE_LABELS[q.type]}`}
      extra={
        <Flex gap={4}>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={`${number}번 문항 위로`}
            onClick={() => onMove(-1)}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={`${number}번 문항 아래로`}
            onClick={() => onMove(1)}
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${number}번 문항 삭제`}
            onClick={onRemove}
          />
        </Flex>
      }
      style={{ marginBottom: 12 }}
    >
      <Row gutter={12}>
        <Col span={4}>
          <Form.Item label="문항 번호" htmlFor={id('id')}>
            <Input
              id={id('id')}
              value={q.id}
              maxLength={32}
              onChange={(e) => set({ id: e.target.value.trim() })}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="종류" htmlFor={id('type')}>
            <Select
              id={id('type')}
              value={q.type}
              options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
              onChange={(type) =>
                set({
                  type,
                  options: type === 'single' || type === 'multiple' ? (q.options ?? ['', '']) : undefined,
                  rows: type === 'matrix' ? (q.rows ?? ['']) : undefined,
                  other: type === 'single' || type === 'multiple' ? q.other : undefined,
                })
              }
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item label="문항" htmlFor={id('title')}>
            <Input
              id={id('title')}
              value={q.title}
              maxLength={300}
              onChange={(e) => set({ title: e.target.value })}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="도움말" htmlFor={id('help')}>
            <Input
              id={id('help')}
              value={q.help ?? ''}
              maxLength={500}
              onChange={(e) => set({ help: e.target.value || undefined })}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label=" " colon={false}>
            <Checkbox checked={q.required} onChange={(e) => set({ required: e.target.checked })}>
              꼭 답해야 함(필수)
            </Checkbox>
          </Form.Item>
        </Col>
        {choice && (
          <Col span={6}>
            <Form.Item label=" " colon={false}>
              <Checkbox checked={!!q.other} onChange={(e) => set({ other: e.target.checked || undefined })}>
                기타(직접 입력) 보기
              </Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
      {choice && (
        <Form.Item label="보기 (한 줄에 하나)" htmlFor={id('options')}>
          <Input.TextArea
            id={id('options')}
            rows={4}
            value={(q.options ?? []).join('\n')}
            onChange={(e) => set({ options: e.target.value.split('\n') })}
            onBlur={(e) => set({ options: lines(e.target.value) })}
          />
        </Form.Item>
      )}
      {q.type === 'matrix' && (
        <Form.Item label="행 (한 줄에 하나, 각 행을 1–5점으로)" htmlFor={id('rows')}>
          <Input.TextArea
            id={id('rows')}
            rows={3}
            value={(q.rows ?? []).join('\n')}
            onChange={(e) => set({ rows: e.target.value.split('\n') })}
            onBlur={(e) => set({ rows: lines(e.target.value) })}
          />
        </Form.Item>
      )}
      {q.type === 'number' && (
        <Flex gap={12}>
          <Form.Item label="최솟값" htmlFor={id('min')}>
            <InputNumber id={id('min')} value={q.min} onChange={(v) => set({ min: v ?? undefined })} />
          </Form.Item>
          <Form.Item label="최댓값" htmlFor={id('max')}>
            <InputNumber id={id('max')} value={q.max} onChange={(v) => set({ max: v ?? undefined })} />
          </Form.Item>
        </Flex>
      )}
      {(q.type === 'short' || q.type === 'long') && (
        <Form.Item label="최대 글자 수" htmlFor={id('maxLength')}>
          <InputNumber
            id={id('maxLength')}
            min={1}
            max={2000}
            value={q.maxLength}
            placeholder={q.type === 'long' ? '1000' : '100'}
            onChange={(v) => set({ maxLength: v ?? undefined })}
          />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="보이는 조건: 앞 문항" htmlFor={id('showIfQ')}>
            <Select
              id={id('showIfQ')}
              allowClear
              placeholder="항상 보임"
              value={q.showIf?.question}
              options={earlier
                .filter((e) => !['matrix', 'long'].includes(e.type))
                .map((e) => ({ value: e.id, label: `${e.id}. ${e.title}` }))}
              onChange={(v) => set({ showIf: v ? { question: v } : undefined })}
            />
          </Form.Item>
        </Col>
        {q.showIf && (
          <Col span={12}>
            <Form.Item
              label={src?.type === 'multiple' ? '이 보기를 골랐을 때' : '답이 이 값일 때'}
              htmlFor={id('showIfV')}
            >
              {src && (src.type === 'single' || src.type === 'multiple') ? (
                <Select
                  id={id('showIfV')}
                  value={q.showIf.equals ?? q.showIf.includes}
                  options={(src.options ?? []).map((o) => ({ value: o, label: o }))}
                  onChange={(v) =>
                    set({
                      showIf: {
                        question: q.showIf!.question,
                        ...(src.type === 'multiple' ? { includes: v } : { equals: v }),
                      },
                    })
                  }
                />
              ) : (
                <Input
                  id={id('showIfV')}
                  value={q.showIf.equals ?? ''}
                  onChange={(e) => set({ showIf: { question: q.showIf!.question, equals: e.target.value } })}
                />
              )}
            </Form.Item>
          </Col>
        )}
      </Row>
    </Card>
  );
}
