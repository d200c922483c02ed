import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../core';
import type { InboxEntry } from '../messages';
import { esc, layout } from './html';

interface CardContent {
  card_type?: string;
  task_id?: string;
  main_title?: { title?: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: { keyname?: string; value?: string }[];
}

/**
 * An interactive card as the member sees it in the inbox: title, fields, and its buttons (one
 * form per button, posting the click) — or, once the app updated the card, the replacing text.
 * Null for any other message.
 */
export function cardCell(core: SimCore, userid: string, entry: InboxEntry): string | null {
  if (entry.msgtype !== 'template_card') return null;
  const c = entry.content as CardContent;
  const task = c.task_id ? core.cards.task(c.task_id, entry.agentId) : undefined;
  const fields = (c.horizontal_content_list ?? [])
    .map((f) => `<div>${esc(f.keyname ?? '')}：${esc(f.value ?? '')}</div>`)
    .join('');
  const head =
    `<div class="card" data-task-id="${esc(c.task_id ?? '')}"><strong>${esc(c.main_title?.title ?? '')}</strong>` +
    (c.main_title?.desc ? ` <span class="muted">${esc(c.main_title.desc)}</span>` : '') +
    (c.sub_title_text ? `<div>${esc(c.sub_title_text)}</div>` : '') +
    fields;
  if (!task || !entry.delivered || entry.recalled) return `${head}</div>`;
  const member = userid.toLowerCase();
  const replaced = task.replaced[member];
  if (replaced !== undefined)
    return `${head}<div class="card-result"><button disabled>${esc(replaced)}</button></div></div>`;
  const clicked = task.clicked[member];
  const buttons = task.buttons
    .map(
      (b) =>
        `<form method="post" action="/sim/members/${encodeURIComponent(userid)}/cards/click" style="display:inline">` +
        `<input type="hidden" name="taskId" value="${esc(task.taskId)}"><input type="hidden" name="agentId" value="${task.agentId}">` +
        `<input type="hidden" name="key" value="${esc(b.key)}"><button>${esc(b.text)}</button></form> `,
    )
    .join('');
  const note = clicked
    ? '<div class="muted">已点击，应用尚未更新此卡片 (clicked; the app has not updated the card)</div>'
    : '';
  return `${head}<div class="card-buttons">${buttons}</div>${note}</div>`;
}

/** The member clicks a card button: the simulator delivers template_card_event to the app. */
export function registerCardPages(app: FastifyInstance, core: SimCore): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post<{ Params: { userid: string }; Body: Record<string, string> | null }>(
      '/sim/members/:userid/cards/click',
      async (req, reply) => {
        const userid = req.params.userid;
        const body = req.body ?? {};
        const agentId = Number(body.agentId ?? core.mainAgentId);
        let outcome: string;
        try {
          const delivery = await core.cards.click(
            agentId,
            userid,
            String(body.taskId ?? ''),
            String(body.key ?? ''),
          );
          outcome = delivery.delivered
            ? 'delivered'
            : `failed: ${delivery.lastError ?? 'not delivered'}`;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          return reply
            .code(400)
            .type('text/html; charset=utf-8')
            .send(
              layout(
                '无法点击',
                `<p class="error">${esc(message)}</p><p><a href="/sim/members/${encodeURIComponent(userid)}">返回</a></p>`,
              ),
            );
        }
        if (req.headers.accept?.includes('application/json')) return { outcome };
        return reply.redirect(
          `/sim/members/${encodeURIComponent(userid)}?card=${encodeURIComponent(outcome)}`,
          303,
        );
      },
    );
  });
}
