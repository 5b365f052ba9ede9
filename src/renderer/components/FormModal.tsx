import { Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { FormError } from './FormError';

interface Props<T> {
  title: string;
  open: boolean;
  /** prefixes the field ids so that two forms on one page never share an id */
  name: string;
  form: FormInstance<T>;
  onFinish: (values: T) => void;
  onCancel: () => void;
  okText?: string;
  busy?: boolean;
  error?: string | null;
  initialValues?: Partial<T>;
  width?: number;
  children: ReactNode;
}

/**
 * A modal whose whole body and footer sit inside one <form>: Enter in any field submits,
 * the OK button is a real submit button, and the first field takes focus.
 */
export function FormModal<T>({
  title,
  open,
  name,
  form,
  onFinish,
  onCancel,
  okText = '저장',
  busy,
  error,
  initialValues,
  width = 520,
  children,
}: Props<T>) {
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      okText={okText}
      cancelText="취소"
      width={width}
      destroyOnHidden
      styles={{ header: { marginBottom: 20 } }}
      okButtonProps={{ htmlType: 'submit', loading: busy }}
      modalRender={(dom) => (
        <Form<T>
          form={form}
          name={name}
          layout="vertical"
          requiredMark={false}
          initialValues={initialValues}
          onFinish={onFinish}
          clearOnDestroy
        >
          {dom}
        </Form>
      )}
    >
      <FormError message={error} />
      {children}
    </Modal>
  );
}
