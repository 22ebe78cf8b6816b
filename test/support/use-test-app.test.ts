import { describe, expect, it } from 'vitest';
import { type FixtureScope, useFixture } from './use-test-app.js';

/** The lifecycle every `useX()` fixture shares, on fixtures that only record what happens to them. */
const events: string[] = [];
const recorded = (name: string, scope: FixtureScope = 'suite') =>
  useFixture(name, {
    scope,
    start: async () => {
      events.push(`start ${name}`);
      return name.toUpperCase();
    },
    stop: async (value) => {
      events.push(`stop ${value}`);
    },
  });

let readFirst: () => string = () => '';

describe('a suite fixture', () => {
  const first = recorded('first');
  const second = recorded('second');
  readFirst = first;

  it('is started once before the tests, in the order the fixtures are written', () => {
    expect(events).toEqual(['start first', 'start second']);
    expect([first(), second()]).toEqual(['FIRST', 'SECOND']);
  });

  it('stays the same running thing for the next test', () => {
    expect(events).toEqual(['start first', 'start second']);
  });
});

describe('after its suite', () => {
  it('has been stopped, newest first', () => {
    expect(events.splice(0)).toEqual(['start first', 'start second', 'stop SECOND', 'stop FIRST']);
  });

  it('says it is no longer running when read', () => {
    expect(() => readFirst()).toThrow(/^first is not running/);
  });
});

describe('a per-test fixture', () => {
  const fresh = recorded('fresh', 'test');

  it('is started for the first test', () => {
    expect(fresh()).toBe('FRESH');
    expect(events.splice(0)).toEqual(['start fresh']);
  });

  it('is stopped after it and started again for the next', () => {
    expect(fresh()).toBe('FRESH');
    expect(events.splice(0)).toEqual(['stop FRESH', 'start fresh']);
  });
});
