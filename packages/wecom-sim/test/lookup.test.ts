import { beforeEach, describe, expect, it } from 'vitest';
import { activeUser, call, token, useSimulator } from './helpers';

const sim = await useSimulator({ users: 50, departments: 5 });

describe('user/getuserid and user/get_userid_by_email (doc /95402, /95895)', () => {
  beforeEach(() => sim.admin.reset());

  it('answers the userid of a member by mobile and by e-mail (personal and corp mailbox)', async () => {
    const t = await token(sim);
    const u = sim.admin.listUsers().find((x) => x.status === 1 && x.email && x.bizMail);
    if (!u) throw new Error('no member with both mailboxes');
    const byMobile = await call(sim, 'user/getuserid', { token: t, body: { mobile: u.mobile } });
    expect(byMobile.body).toMatchObject({ errcode: 0, userid: u.userid });
    const personal = await call(sim, 'user/get_userid_by_email', {
      token: t,
      body: { email: u.email, email_type: 2 },
    });
    expect(personal.body).toMatchObject({ errcode: 0, userid: u.userid });
    const corp = await call(sim, 'user/get_userid_by_email', {
      token: t,
      body: { email: u.bizMail, email_type: 1 },
    });
    expect(corp.body).toMatchObject({ errcode: 0, userid: u.userid });
  });

  it('answers 46004 for an unknown mobile and for a member outside the visible range', async () => {
    const t = await token(sim);
    const miss = await call(sim, 'user/getuserid', { token: t, body: { mobile: '19900000000' } });
    expect(miss.body.errcode).toBe(46004);
    const u = activeUser(sim);
    sim.admin.setVisibleRange({ departments: [], users: ['nobody'] });
    const hidden = await call(sim, 'user/getuserid', { token: t, body: { mobile: u.mobile } });
    expect(hidden.body.errcode).toBe(46004);
    expect((await call(sim, 'user/getuserid', { token: t, body: {} })).body.errcode).toBe(40063);
  });

  it('blocks the API for the rest of the day once errors exceed the budget', async () => {
    sim.admin.setLookupErrorBudget(2);
    let t = await token(sim);
    const u = activeUser(sim);
    const ask = (mobile: string) => call(sim, 'user/getuserid', { token: t, body: { mobile } });
    for (let i = 0; i < 3; i++) expect((await ask(`1990000000${i}`)).body.errcode).toBe(46004);
    expect(sim.admin.lookupErrors()).toBe(3);
    // Over the budget: even a good lookup is refused, until the next day.
    expect((await ask(u.mobile)).body.errcode).toBe(45009);
    sim.admin.advanceClock(24 * 3600 * 1000);
    t = await token(sim);
    expect((await ask(u.mobile)).body).toMatchObject({ errcode: 0, userid: u.userid });
  });

  it('defaults the budget to 20 % of the seat limit (the member count)', () => {
    expect(sim.admin.lookupErrorBudget()).toBe(Math.floor(sim.admin.listUsers().length * 0.2));
  });
});
