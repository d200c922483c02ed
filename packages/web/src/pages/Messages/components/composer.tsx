import { App, Button, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messagesApi, type ComposeResult, type Msgtype } from '../../../api/messages';
import { useApiError } from '../../../components/use-api-error';
import { buildRequest, byteLength, type ComposeForm } from './build-request';
import { MessagePreview } from './message-preview';
import { ReceiversField } from './receivers-field';

const TYPES: Msgtype[] = ['text', 'markdown', 'textcard', 'news', 'template_card'];

function ByteCount({ text, max }: { text: string | undefined; max: number }) {
  const { t } = useTranslation();
  const used = byteLength(text);
  return (
    <span style={{ color: used > max ? '#cf1322' : undefined }}>
      {t('messages.bytes', { used, max })}
    </span>
  );
}

/** Message type fields, receivers, and a live preview beside them. */
export function Composer({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { report } = useApiError();
  const [form] = Form.useForm<ComposeForm>();
  const value = (Form.useWatch([], form) ?? {}) as Partial<ComposeForm>;
  const [sending, setSending] = useState(false);
  const type = value.msgtype ?? 'text';
  const f = (key: string) => t(`messages.fields.${key}`);

  /** What WeCom accepted, said as it is: @all and departments are expanded by WeCom itself. */
  const sentText = (v: ComposeForm, r: ComposeResult, reach: number | null) => {
    const status = t(`messages.status.${r.status}`);
    if (r.toAll || v.mode === 'all')
      return t('messages.sentAll', { status, count: reach ?? 0, msgid: r.msgid });
    if (v.mode === 'departments')
      return t('messages.sentDepartments', {
        status,
        count: r.departments.delivered.length,
        invalid: r.departments.invalid.length + r.departments.unbound.length,
      });
    return t('messages.sent', {
      status,
      delivered: r.recipients.delivered.length,
      invalid: r.recipients.invalid.length,
      unbound: r.recipients.unbound.length,
      throttled: r.recipients.throttled.length,
    });
  };

  const send = async (v: ComposeForm, reach: number | null) => {
    setSending(true);
    try {
      const r = await messagesApi.send(buildRequest(v));
      if (r.status === 'accepted_log_pending') {
        // WeCom has it; sending again would deliver it twice.
        void message.warning(t('messages.acceptedLogPending'), 10);
        onSent();
        return;
      }
      void message.success(sentText(v, r, reach));
      onSent();
    } catch (error) {
      report(error);
    } finally {
      setSending(false);
    }
  };

  /** @all goes out only after the admin saw how many members it reaches. */
  const submit = async (v: ComposeForm) => {
    if (v.mode !== 'all') return send(v, null);
    setSending(true);
    let reach: number;
    try {
      reach = (await messagesApi.audience()).boundActive;
    } catch (error) {
      report(error);
      return;
    } finally {
      setSending(false);
    }
    modal.confirm({
      title: t('messages.confirmAll.title'),
      content: (
        <div data-testid="message-confirm-all">
          <Typography.Paragraph strong>
            {t('messages.confirmAll.count', { count: reach })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('messages.confirmAll.scope')}
          </Typography.Paragraph>
        </div>
      ),
      okText: t('messages.confirmAll.ok'),
      cancelText: t('common.cancel'),
      onOk: () => send(v, reach),
    });
  };

  return (
    <Row gutter={32}>
      <Col xs={24} lg={14}>
        <Form<ComposeForm>
          form={form}
          layout="vertical"
          initialValues={{ msgtype: 'text', mode: 'users', cardType: 'text_notice' }}
          onFinish={(v) => void submit(v)}
          data-testid="message-composer"
        >
          <Form.Item name="msgtype" label={t('messages.msgtype.label')}>
            <Radio.Group
              optionType="button"
              options={TYPES.map((m) => ({ value: m, label: t(`messages.msgtype.${m}`) }))}
            />
          </Form.Item>
          {(type === 'text' || type === 'markdown') && (
            <Form.Item
              name="content"
              label={f('content')}
              rules={[{ required: true }]}
              extra={<ByteCount text={value.content} max={2048} />}
            >
              <Input.TextArea rows={5} data-testid="message-content" />
            </Form.Item>
          )}
          {type === 'template_card' && (
            <Form.Item name="cardType" label={f('cardType')}>
              <Select
                options={[
                  { value: 'text_notice', label: f('textNotice') },
                  { value: 'news_notice', label: f('newsNotice') },
                ]}
              />
            </Form.Item>
          )}
          {type !== 'text' && type !== 'markdown' && (
            <>
              <Form.Item
                name="title"
                label={f('title')}
                rules={[{ required: true }]}
                extra={<ByteCount text={value.title} max={128} />}
              >
                <Input data-testid="message-title" />
              </Form.Item>
              <Form.Item
                name="description"
                label={f('description')}
                rules={[{ required: type === 'textcard' }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item
                name="url"
                label={f('url')}
                rules={[{ required: type !== 'news' }]}
                extra={f('urlHelp')}
              >
                <Input placeholder="/system/users" />
              </Form.Item>
            </>
          )}
          {type === 'textcard' && (
            <Form.Item name="btntxt" label={f('btntxt')}>
              <Input maxLength={4} placeholder="详情" />
            </Form.Item>
          )}
          {type === 'news' && (
            <Form.Item name="picurl" label={f('picurl')}>
              <Input placeholder="https://" />
            </Form.Item>
          )}
          {type === 'template_card' && value.cardType === 'news_notice' && (
            <Form.Item name="image" label={f('image')} rules={[{ required: true }]}>
              <Input placeholder="https://" />
            </Form.Item>
          )}
          {type === 'template_card' && (
            <Form.Item name="subTitle" label={f('subTitle')}>
              <Input />
            </Form.Item>
          )}
          <ReceiversField value={value} />
          <Button type="primary" htmlType="submit" loading={sending} data-testid="message-send">
            {t('messages.send')}
          </Button>
        </Form>
      </Col>
      <Col xs={24} lg={10}>
        {/* Stays in view while the long card forms scroll. */}
        <div style={{ position: 'sticky', top: 88 }}>
          <div style={{ fontWeight: 500, marginBottom: 8 }}>{t('messages.preview')}</div>
          <MessagePreview value={value} />
        </div>
      </Col>
    </Row>
  );
}
