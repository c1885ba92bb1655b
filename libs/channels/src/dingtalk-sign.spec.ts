import { dingtalkSignature, signedDingtalkUrl } from './dingtalk-sign.js';

describe(dingtalkSignature.name, () => {
  // computed independently with DingTalk's documented Python (hmac, hashlib.sha256, base64, urllib.parse.quote_plus)
  const secret = 'SECtest-secret-0123456789abcdef';
  const timestamp = 1_700_000_000_000;

  it('is base64(HmacSHA256(secret, timestamp + "\\n" + secret)) as DingTalk documents it', () => {
    expect(dingtalkSignature(secret, timestamp)).toBe('ZL1XNgly2R+az6ROehromsPh9b6xAR8RYvdp+rQNe5o=');
  });

  it('goes into the webhook URL-encoded, beside the access token and the millisecond timestamp', () => {
    const url = signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, timestamp);
    expect(url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=ZL1XNgly2R%2Baz6ROehromsPh9b6xAR8RYvdp%2BrQNe5o%3D',
    );
  });
});
