import { canonicalJson } from './canonical-json.js';
import { type ChainLink, GENESIS_HASH, headOf, nextLink, verifyChain } from './hash-chain.js';

function chainOf(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  for (let i = 0; i < n; i++) {
    links.push(
      nextLink(links.length ? headOf(links[links.length - 1]) : null, {
        aggregateType: 'matter',
        aggregateId: 'm-1',
        type: 'matter.edited',
        actorId: 'u-1',
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        payload: { i, title: { zh: `事项${i}` } },
      }),
    );
  }
  return links;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a/);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain that starts at the genesis hash', () => {
    const links = chainOf(5);
    expect(links[0].prevHash).toBe(GENESIS_HASH);
    expect(verifyChain(links)).toEqual({ valid: true, length: 5, headHash: links[4].hash });
  });

  it('names the first altered event', () => {
    const links = chainOf(5);
    links[2] = { ...links[2], body: { ...links[2].body, payload: { i: 99 } } };
    expect(verifyChain(links)).toMatchObject({ valid: false, firstBrokenSeq: 3, reason: 'hash_mismatch' });
  });

  it('names a removed event as a gap', () => {
    const links = chainOf(5);
    links.splice(1, 1);
    expect(verifyChain(links)).toMatchObject({ valid: false, firstBrokenSeq: 2, reason: 'seq_gap' });
  });

  it('detects an event re-hashed after alteration through its successor', () => {
    const links = chainOf(4);
    const forged = nextLink(headOf(links[0]), { ...links[1].body, payload: { forged: true } });
    links[1] = forged;
    expect(verifyChain(links)).toMatchObject({ valid: false, firstBrokenSeq: 3, reason: 'prev_hash_mismatch' });
  });
});
