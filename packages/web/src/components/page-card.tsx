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
          {/* The page's one <h1>, drawn at the size of an antd level-4 title (20 px). */}
          <Typography.Title level={1} style={{ margin: 0, fontSize: 20, lineHeight: 1.4 }}>
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
