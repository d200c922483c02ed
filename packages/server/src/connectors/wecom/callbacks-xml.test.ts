import { describe, expect, it } from 'vitest';
import { CallbackXmlError, parseCallbackXml } from './callbacks';

const event = (body: string) =>
  `<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>${body}</xml>`;

describe('parseCallbackXml', () => {
  it('reads a userid rename with ids as text and without names, mobiles or e-mails', () => {
    const out = parseCallbackXml(
      event(
        '<ChangeType>update_user</ChangeType><UserID><![CDATA[007]]></UserID><NewUserID><![CDATA[zhang.san]]></NewUserID><Name><![CDATA[张三]]></Name><Mobile><![CDATA[13800000000]]></Mobile><Department><![CDATA[1,20]]></Department><MainDepartment>20</MainDepartment>',
      ),
    );
    expect(out).toEqual({
      kind: 'contact',
      change: {
        changeType: 'update_user',
        extId: '007',
        newExtId: 'zhang.san',
        payload: { createTime: '1700000000', department: ['1', '20'], mainDepartment: '20' },
      },
    });
  });

  it('reads department events by Id', () => {
    const out = parseCallbackXml(
      event(
        '<ChangeType>create_party</ChangeType><Id>42</Id><Name><![CDATA[研发]]></Name><ParentId><![CDATA[1]]></ParentId>',
      ),
    );
    expect(out).toMatchObject({
      kind: 'contact',
      change: {
        changeType: 'create_party',
        extId: '42',
        newExtId: null,
        payload: { parentId: '1' },
      },
    });
  });

  it('reports other messages and change types as ignored', () => {
    expect(parseCallbackXml(event('<ChangeType>update_tag</ChangeType><TagId>1</TagId>'))).toEqual({
      kind: 'ignored',
      msgType: 'event',
      event: 'change_contact',
      changeType: 'update_tag',
    });
    expect(
      parseCallbackXml('<xml><MsgType><![CDATA[text]]></MsgType><Content>hi</Content></xml>'),
    ).toMatchObject({ kind: 'ignored', msgType: 'text', event: null });
  });

  it('refuses text that is not a WeCom message or an event without its object id', () => {
    for (const bad of [
      '',
      'not xml',
      '<root><MsgType>event</MsgType></root>',
      '<xml><a>1</a></xml>',
    ])
      expect(() => parseCallbackXml(bad), bad).toThrow(CallbackXmlError);
    expect(() => parseCallbackXml(event('<ChangeType>delete_user</ChangeType>'))).toThrow(
      /without the id/,
    );
  });

  it('does not let a DOCTYPE entity blow up the message', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "${'x'.repeat(50)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>`;
    const text = `${lol}${event('<ChangeType>delete_user</ChangeType><UserID>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</UserID>')}`;
    let out: unknown;
    try {
      out = parseCallbackXml(text);
    } catch (err) {
      expect(err).toBeInstanceOf(CallbackXmlError);
      return;
    }
    expect(JSON.stringify(out).length).toBeLessThan(100_000);
  });
});
