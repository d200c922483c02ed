import { describe, expect, it } from 'vitest';
import {
  CallbackCryptoError,
  computeSignature,
  createCallbackCrypto,
  decryptMessage,
  encryptMessage,
  extractEncrypt,
  generateCallbackToken,
  generateEncodingAesKey,
} from './index';

// Vector B: wechatpy tests/test_crypto.py (work); reference §7.5.
const B = {
  token: '123456',
  key: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  corpId: 'wx49f0ab532d5d035a',
  echostr:
    '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
  encrypted:
    'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
  plain:
    '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>',
  deterministic:
    '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
};

// Vector C: go-workwx tests (real WeCom captures); reference §7.5.
const C1 = {
  token: 'kjr2TKI8umCBfVF3wAHk8JiPwma5VBme',
  key: '4Ma3YBrSBbX2aez8MJpXGBne5LSDwgGqHbhM9WPYIws',
  echostr:
    '6KmUQuPVu7UhjyVqRdbo5SfcRqaHvbUlKSHFvBV2ZuR6TIlKsygcfeSd1GDplg1C5KSKr6UPHCaC/nIX3ZNt9w==',
  corpId: 'ww6a112864f8022910',
};
const C2 = {
  token: 'kz7Yx62CH8SaLN',
  key: 'cD0d7jx4tYvVtzqrmh3Dm3QFCXe6f8SlHoMtMh3qQEP',
  corpId: 'wwf181555a13a31443',
  encrypted:
    'fyVN9BUnH6xNl0/VCHTCg6XGxxvoFdyZ7VQbAbBcQ79dVccYvdIyJYZSMMhkPy8LPaoe+V27qjoQ553fXavmrPOgxzHrKKf3YIu63pB4/nN0LY4S+GzUFi/LLFj1TI1sOh0q2jT5u1nYz5G3HFNLd3DFUvJVLtZl8mVMwUOzBpzKZhhmCvIJLVlvym9tt+VYwG06MSbmnf9AzYFKhm1BIy+95Q824ilY6Wy8l+vkFqEdASl2k83jMXvlkVRSB3hmNptWTbq8ygDdLtkCyA4UEiZvfTskqqVkbYwLptRl/1F+DVL9SH/TWt2j3dCm4rzY5jQG+fA+2xh2Kk+OrVgafqtQCfhjq8C38A2IwCcg2BONKk8s5ijFxQoszmXvJQ3zLYbjzRWQ40xhryDyPNNse7/slKVW2QMBEUPNOxUcX9k=',
  plain:
    '<xml><ToUserName><![CDATA[wwf181555a13a31443]]></ToUserName><FromUserName><![CDATA[xen0n]]></FromUserName><CreateTime>1583995625</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[x123]]></Content><MsgId>2018405441</MsgId><AgentID>1000002</AgentID></xml>',
};

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof CallbackCryptoError) return err.code;
    throw err;
  }
  return undefined;
}

describe('vector B (wechatpy)', () => {
  const cc = createCallbackCrypto({ token: B.token, encodingAesKey: B.key, receiveId: B.corpId });

  it('verifies the URL and returns the echo plaintext', () => {
    const q = {
      msg_signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
      timestamp: '1411443780',
    };
    expect(cc.verifyUrl({ ...q, nonce: '437374425', echostr: B.echostr })).toBe(
      '5927782489442352469',
    );
    expect(codeOf(() => cc.verifyUrl({ ...q, nonce: '437374424', echostr: B.echostr }))).toBe(
      -40001,
    );
  });

  it('decrypts the text message', () => {
    const q = {
      msg_signature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
      timestamp: '1411525903',
      nonce: '461056294',
    };
    const xml = cc.decrypt(q, B.encrypted);
    expect(xml).toContain('<Content><![CDATA[test]]></Content>');
    expect(xml).toContain('<FromUserName><![CDATA[messense]]></FromUserName>');
    expect(xml).toContain('<MsgId>4363689963896700987</MsgId>');
    expect(xml).toContain('<AgentID>1</AgentID>');
  });

  it('reproduces the deterministic encrypt vector and its signature', () => {
    const random = Buffer.from('1234567890123456', 'ascii');
    const encrypted = encryptMessage(B.key, B.plain, B.corpId, random);
    expect(encrypted).toBe(B.deterministic);
    expect(computeSignature(B.token, '1411525903', '461056294', encrypted)).toBe(
      '407518b7649e86ef23978113f92d27afa9296533',
    );
  });
});

describe('vector C (go-workwx, real captures)', () => {
  it('verifies the URL with an alphanumeric nonce', () => {
    const sig = computeSignature(C1.token, '1583940690', 'VHh7ymSeb0jc4lSb', C1.echostr);
    expect(sig).toBe('1ba3cb09c0d2c2b3ed6900d37f91a6efae6cb011');
    const cc = createCallbackCrypto({
      token: C1.token,
      encodingAesKey: C1.key,
      receiveId: C1.corpId,
    });
    const echo = cc.verifyUrl({
      msg_signature: sig,
      timestamp: '1583940690',
      nonce: 'VHh7ymSeb0jc4lSb',
      echostr: C1.echostr,
    });
    expect(echo).toBe('94966531020182955848408');
  });

  it('decrypts the compact message and checks the receive id', () => {
    const q = {
      msg_signature: 'a44d1b7dc3dc4b02edd99dc32afa6a26be7c92f6',
      timestamp: '1583995625',
      nonce: '1584392382',
    };
    const ok = createCallbackCrypto({
      token: C2.token,
      encodingAesKey: C2.key,
      receiveId: C2.corpId,
    });
    expect(ok.decrypt(q, C2.encrypted)).toBe(C2.plain);
    const wrong = createCallbackCrypto({
      token: C2.token,
      encodingAesKey: C2.key,
      receiveId: 'wwother',
    });
    expect(codeOf(() => wrong.decrypt(q, C2.encrypted))).toBe(-40005);
  });
});

describe('padding and failure modes', () => {
  it('round-trips every message length across both halves of the 32-byte pad range', () => {
    const key = generateEncodingAesKey();
    for (let len = 0; len < 70; len++) {
      const msg = '企'.repeat(len % 5) + 'x'.repeat(len);
      expect(decryptMessage(key, encryptMessage(key, msg, 'ww1'))).toEqual({
        message: msg,
        receiveId: 'ww1',
      });
    }
  });

  it('pads to 32 bytes, so pads above 16 occur (Node auto-padding would reject them)', () => {
    // 16 random + 4 length + 18 message + 2 receive id = 40 bytes → pad 24, one 64-byte ciphertext.
    const key = generateEncodingAesKey();
    const long = Buffer.from(encryptMessage(key, 'x'.repeat(18), 'ww'), 'base64');
    expect(long.length).toBe(64);
    expect(decryptMessage(key, long.toString('base64')).message).toBe('x'.repeat(18));
  });

  it('rejects bad keys, bad base64 and tampered ciphertext with library codes', () => {
    expect(codeOf(() => decryptMessage('short', 'AAAA'))).toBe(-40004);
    expect(codeOf(() => decryptMessage(B.key, 'not base64!'))).toBe(-40010);
    expect(codeOf(() => decryptMessage(B.key, Buffer.alloc(20).toString('base64')))).toBe(-40007);
  });

  it('builds a passive reply the receiving side can open', () => {
    const cc = createCallbackCrypto({ token: B.token, encodingAesKey: B.key, receiveId: B.corpId });
    const reply = cc.encrypt('<xml><Content>hi</Content></xml>', '1700000000', 'abc123');
    expect(extractEncrypt(reply.xml)).toBe(reply.encrypt);
    const q = { msg_signature: reply.signature, timestamp: '1700000000', nonce: 'abc123' };
    expect(cc.decrypt(q, reply.encrypt)).toBe('<xml><Content>hi</Content></xml>');
  });

  it('generates console-valid keys and tokens', () => {
    for (let i = 0; i < 50; i++) {
      const key = generateEncodingAesKey();
      expect(key).toMatch(/^[A-Za-z0-9]{43}$/);
      expect(Buffer.from(`${key}=`, 'base64')).toHaveLength(32);
      expect(generateCallbackToken()).toMatch(/^[A-Za-z0-9]{1,32}$/);
    }
  });
});
