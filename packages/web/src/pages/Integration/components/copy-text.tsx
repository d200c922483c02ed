import { Typography } from 'antd';

/** A value to paste into WeCom: monospace, wraps anywhere, with antd's copy button. */
export function CopyText({ value, testId }: { value: string; testId?: string }) {
  return (
    <Typography.Text
      code
      copyable={{ text: value }}
      data-testid={testId}
      style={{ wordBreak: 'break-all' }}
    >
      {value}
    </Typography.Text>
  );
}
