/// <reference types="jest" />
import { ON_BEHALF_OF_HEADER, onBehalfOfHeaders, onBehalfOfIn, withOnBehalfOf } from './onBehalfOf';

const ID = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';

describe('onBehalfOfIn', () => {
  it('reads the absent person from the page address', () => {
    expect(onBehalfOfIn(`?action=approve_step&onBehalfOf=${ID}`)).toBe(ID);
    expect(onBehalfOfIn(new URLSearchParams({ onBehalfOf: ID.toUpperCase() }))).toBe(ID);
  });

  it('is null without one, or when it is no id (the page then acts in one’s own name)', () => {
    expect(onBehalfOfIn('?tab=timeline')).toBeNull();
    expect(onBehalfOfIn('?onBehalfOf=')).toBeNull();
    expect(onBehalfOfIn('?onBehalfOf=someone')).toBeNull();
  });
});

describe('withOnBehalfOf', () => {
  it('adds the parameter to a link with or without a query, keeping the rest and the hash', () => {
    expect(withOnBehalfOf('/matters/m1', ID)).toBe(`/matters/m1?onBehalfOf=${ID}`);
    expect(withOnBehalfOf('/matters/m1?action=complete_milestone&subject=s1', ID)).toBe(
      `/matters/m1?action=complete_milestone&subject=s1&onBehalfOf=${ID}`,
    );
    expect(withOnBehalfOf('/matters/m1?tab=plan#milestones', ID)).toBe(`/matters/m1?tab=plan&onBehalfOf=${ID}#milestones`);
  });

  it('leaves a link alone in one’s own name, or when it names someone already', () => {
    expect(withOnBehalfOf('/matters/m1?tab=plan', null)).toBe('/matters/m1?tab=plan');
    expect(withOnBehalfOf(`/matters/m1?onBehalfOf=${ID}`, 'other')).toBe(`/matters/m1?onBehalfOf=${ID}`);
  });
});

describe('onBehalfOfHeaders', () => {
  it('sends On-Behalf-Of only on behalf of someone', () => {
    expect(onBehalfOfHeaders(ID)).toEqual({ [ON_BEHALF_OF_HEADER]: ID });
    expect(onBehalfOfHeaders(null)).toEqual({});
  });
});
