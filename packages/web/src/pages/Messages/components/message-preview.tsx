import { Card, Divider, Empty, Image, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeForm } from './build-request';

const FONT_COLORS: Record<string, string> = {
  info: '#389e0d',
  comment: '#8c8c8c',
  warning: '#d46b08',
};

/** WeCom's markdown subset: headings, bold, links, quotes and <font color>; enough to preview. */
function renderMarkdown(source: string): ReactNode[] {
  return source.split('\n').map((line, i) => {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    const body = inline(heading?.[2] ?? quote?.[1] ?? line);
    if (heading)
      return (
        <Typography.Title
          key={i}
          level={Math.min(heading[1]!.length + 2, 5) as 3 | 4 | 5}
          style={{ margin: '4px 0' }}
        >
          {body}
        </Typography.Title>
      );
    if (quote)
      return (
        <div key={i} style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 8, color: '#8c8c8c' }}>
          {body}
        </div>
      );
    return <div key={i}>{body.length ? body : '\u00a0'}</div>;
  });
}

function inline(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  const re = /\*\*(.+?)\*\*|\[(.+?)\]\((.+?)\)|<font color="(\w+)">(.*?)<\/font>/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    if (m[1]) parts.push(<strong key={m.index}>{m[1]}</strong>);
    else if (m[2]) parts.push(<a key={m.index}>{m[2]}</a>);
    else
      parts.push(
        <span key={m.index} style={{ color: FONT_COLORS[m[4]!] }}>
          {m[5]}
        </span>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** How the message will look in a member's WeCom chat with the app (approximately). */
export function MessagePreview({ value }: { value: Partial<ComposeForm> }) {
  const { t } = useTranslation();
  const filled = value.content || value.title;
  let body: ReactNode;
  if (!filled)
    body = <Empty description={t('messages.previewEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  else if (value.msgtype === 'text')
    body = <div style={{ whiteSpace: 'pre-wrap' }}>{value.content}</div>;
  else if (value.msgtype === 'markdown') body = <div>{renderMarkdown(value.content ?? '')}</div>;
  else if (value.msgtype === 'textcard') {
    body = (
      <>
        <Typography.Text strong>{value.title}</Typography.Text>
        <div style={{ color: '#8c8c8c', margin: '8px 0' }}>{value.description}</div>
        <Divider style={{ margin: '8px 0' }} />
        <a>{value.btntxt || '详情'}</a>
      </>
    );
  } else if (value.msgtype === 'news') {
    body = (
      <>
        {value.picurl && <Image src={value.picurl} preview={false} style={{ width: '100%' }} />}
        <Typography.Text strong>{value.title}</Typography.Text>
        <div style={{ color: '#8c8c8c' }}>{value.description}</div>
      </>
    );
  } else {
    body = (
      <>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {value.title}
        </Typography.Text>
        {value.description && <div style={{ color: '#8c8c8c' }}>{value.description}</div>}
        {value.cardType === 'news_notice' &&
          (value.image ? (
            <Image src={value.image} preview={false} style={{ width: '100%', marginTop: 8 }} />
          ) : (
            // Where the card image goes once its address is filled in.
            <div style={{ height: 96, marginTop: 8, borderRadius: 4, background: '#f0f0f0' }} />
          ))}
        {value.subTitle && <div style={{ marginTop: 8 }}>{value.subTitle}</div>}
      </>
    );
  }
  return (
    <div
      data-testid="message-preview"
      style={{ background: '#f0f2f5', padding: 16, borderRadius: 12, maxWidth: 360 }}
    >
      <Card size="small" style={{ borderRadius: 8 }}>
        {body}
      </Card>
    </div>
  );
}
