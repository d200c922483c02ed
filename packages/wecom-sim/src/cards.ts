import { randomBytes } from 'node:crypto';
import type { Callbacks, CallbackDelivery } from './callbacks';
import type { Clock } from './clock';
import { WeComApiError } from './errors';
import type { SentMessage } from './messages';
import type { SimApp } from './types';

/** A button of an interactive card (doc /90236 template_card, reference §13). */
export interface CardButton {
  text: string;
  key: string;
  style?: number;
}

export interface CardTask {
  agentId: number;
  taskId: string;
  msgid: string;
  cardType: string;
  buttons: CardButton[];
  /** Userids the card reached. */
  recipients: string[];
  /** userid (lower-case) → the name that replaced the buttons (message/update_template_card). */
  replaced: Record<string, string>;
  /** userid (lower-case) → key of the button clicked last. */
  clicked: Record<string, string>;
}

interface ResponseCode {
  agentId: number;
  taskId: string;
  used: boolean;
  expiresAt: number;
}

const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);
const TASK_ID = /^[A-Za-z0-9_\-@]{1,128}$/;
/** WeCom: a response code is valid for 72 hours and works once (doc /94888). */
const RESPONSE_CODE_TTL_MS = 72 * 3600 * 1000;

const cdata = (value: string): string =>
  `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/**
 * Interactive template cards: task ids unique per app, the buttons a member may click, the
 * `template_card_event` delivered to the app's callback URL on a click, and
 * message/update_template_card with the single-use response code of that click.
 */
export function createCards(corpId: string, clock: Clock, callbacks: Callbacks) {
  const tasks = new Map<string, CardTask>();
  const codes = new Map<string, ResponseCode>();
  const key = (agentId: number, taskId: string) => `${agentId}:${taskId}`;

  /** Checks an interactive card before message/send stores it; null for other messages. */
  function check(app: SimApp, body: Record<string, unknown>) {
    if (body.msgtype !== 'template_card') return null;
    const card = body.template_card as Record<string, unknown> | undefined;
    const cardType = typeof card?.card_type === 'string' ? card.card_type : '';
    if (!INTERACTIVE.has(cardType)) return null;
    const taskId = card?.task_id;
    if (typeof taskId !== 'string' || !TASK_ID.test(taskId))
      throw new WeComApiError(40058, 'template_card.task_id missing or invalid');
    if (tasks.has(key(app.agentId, taskId)))
      throw new WeComApiError(40058, 'template_card.task_id duplicated');
    const raw = card?.button_list;
    const buttons = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
    if (
      cardType === 'button_interaction' &&
      (buttons.length === 0 ||
        buttons.length > 6 ||
        buttons.some((b) => typeof b.text !== 'string' || !b.text || typeof b.key !== 'string'))
    )
      throw new WeComApiError(40058, 'template_card.button_list invalid');
    return {
      taskId,
      cardType,
      buttons: buttons.map((b) => ({
        text: String(b.text),
        key: String(b.key),
        ...(typeof b.style === 'number' ? { style: b.style } : {}),
      })),
    };
  }

  function issueCode(agentId: number, taskId: string): string {
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      agentId,
      taskId,
      used: false,
      expiresAt: clock.now() + RESPONSE_CODE_TTL_MS,
    });
    return code;
  }

  /** Records a sent card; the answer's `response_code` (WeCom returns one for interactive cards). */
  function record(
    app: SimApp,
    checked: NonNullable<ReturnType<typeof check>>,
    message: SentMessage,
  ): { response_code: string } {
    tasks.set(key(app.agentId, checked.taskId), {
      agentId: app.agentId,
      taskId: checked.taskId,
      msgid: message.msgid,
      cardType: checked.cardType,
      buttons: checked.buttons,
      recipients: [...message.delivered],
      replaced: {},
      clicked: {},
    });
    return { response_code: issueCode(app.agentId, checked.taskId) };
  }

  const taskOf = (agentId: number, taskId: string) => tasks.get(key(agentId, taskId));

  /**
   * A member clicks a button: delivers the encrypted `template_card_event` to the app's callback
   * URL and resolves with the delivery. Throws when the member did not get the card, the button
   * does not exist, or the card's buttons were already replaced for this member.
   */
  function click(
    agentId: number,
    userid: string,
    taskId: string,
    buttonKey: string,
  ): Promise<CallbackDelivery> {
    const task = taskOf(agentId, taskId);
    const member = userid.toLowerCase();
    if (!task || !task.recipients.some((u) => u.toLowerCase() === member))
      throw new Error('this member did not receive that card');
    if (!task.buttons.some((b) => b.key === buttonKey)) throw new Error('no such button');
    if (task.replaced[member] !== undefined) throw new Error('the card was already answered');
    task.clicked[member] = buttonKey;
    const recipient = task.recipients.find((u) => u.toLowerCase() === member) as string;
    const plaintext =
      `<xml><ToUserName>${cdata(corpId)}</ToUserName><FromUserName>${cdata(recipient)}</FromUserName>` +
      `<CreateTime>${Math.floor(clock.now() / 1000)}</CreateTime><MsgType>${cdata('event')}</MsgType>` +
      `<Event>${cdata('template_card_event')}</Event><EventKey>${cdata(buttonKey)}</EventKey>` +
      `<TaskId>${cdata(taskId)}</TaskId><CardType>${cdata(task.cardType)}</CardType>` +
      `<ResponseCode>${cdata(issueCode(agentId, taskId))}</ResponseCode>` +
      `<AgentID>${agentId}</AgentID><SelectedItems></SelectedItems></xml>`;
    const delivery = callbacks.deliverAppEvent('template_card_event', plaintext, agentId);
    if (!delivery) throw new Error('the app has no callback URL configured');
    return delivery;
  }

  /** message/update_template_card with `button.replace_name` (the other update forms are not modelled). */
  function update(app: SimApp, body: Record<string, unknown>): Record<string, unknown> {
    if (typeof body.agentid !== 'number') throw new WeComApiError(40056);
    if (body.agentid !== app.agentId) throw new WeComApiError(301002);
    const code = typeof body.response_code === 'string' ? codes.get(body.response_code) : undefined;
    if (!code || code.agentId !== app.agentId || code.used || code.expiresAt < clock.now())
      throw new WeComApiError(40058, 'response_code invalid, used or expired');
    const replaceName = (body.button as { replace_name?: unknown } | undefined)?.replace_name;
    if (typeof replaceName !== 'string' || replaceName === '')
      throw new WeComApiError(40058, 'button.replace_name missing');
    const task = taskOf(app.agentId, code.taskId) as CardTask;
    const userids = Array.isArray(body.userids) ? body.userids.map(String) : [];
    const all = Number(body.atall) === 1;
    const reached = new Map(task.recipients.map((u) => [u.toLowerCase(), u]));
    const invalid: string[] = [];
    const targets = all ? [...reached.keys()] : userids.map((u) => u.toLowerCase());
    for (const u of targets) {
      if (reached.has(u)) task.replaced[u] = replaceName;
      else invalid.push(u);
    }
    code.used = true;
    return { invaliduser: invalid };
  }

  return {
    check,
    record,
    click,
    update,
    task: (taskId: string, agentId: number): CardTask | undefined => {
      const t = taskOf(agentId, taskId);
      return t ? structuredClone(t) : undefined;
    },
    reset(): void {
      tasks.clear();
      codes.clear();
    },
  };
}

export type Cards = ReturnType<typeof createCards>;
