import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The frame every console page uses: a title, an optional description and actions, then content. */
export function PageCard(props: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card
      data-testid={props.testId}
      title={
        <div style={{ padding: '12px 0' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {props.title}
          </Typography.Title>
          {props.description && (
            <Typography.Text
              type="secondary"
              style={{ fontWeight: 'normal', whiteSpace: 'normal' }}
            >
              {props.description}
            </Typography.Text>
          )}
        </div>
      }
      extra={props.extra}
    >
      {props.children}
    </Card>
  );
}
