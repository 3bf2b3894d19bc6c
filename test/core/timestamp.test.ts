import { expect } from '@open-wc/testing';
import { isUtcTimestamp, utcTimestampSchema } from '../../src/core/timestamp.js';

describe('core/timestamp', () => {
  const good = [
    '2025-01-02T03:04:05Z',
    '2025-01-02T03:04:05.000Z',
    '2024-02-29T23:59:59.123456789Z',
    new Date(0).toISOString(),
    new Date().toISOString(),
  ];
  for (const value of good) {
    it(`accepts ${value}`, () => {
      expect(isUtcTimestamp(value)).to.be.true;
      expect(utcTimestampSchema.safeParse(value).success).to.be.true;
    });
  }

  const bad = [
    '',
    'yesterday',
    '2025-01-02',
    '2025-01-02T03:04Z',
    '2025-01-02T03:04:05',
    '2025-01-02T03:04:05+00:00',
    '2025-01-02 03:04:05Z',
    '2025-01-02T03:04:05.Z',
    '2025-01-02T03:04:05.1234567890Z',
    '2025-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-01-02T24:00:00Z',
    '2025-01-02T03:60:00Z',
    '+002025-01-02T03:04:05Z',
    ' 2025-01-02T03:04:05Z',
  ];
  for (const value of bad) {
    it(`rejects ${JSON.stringify(value)}`, () => {
      expect(isUtcTimestamp(value)).to.be.false;
      expect(utcTimestampSchema.safeParse(value).success).to.be.false;
    });
  }

  it('rejects values that are not strings', () => {
    for (const value of [0, null, undefined, new Date()]) {
      expect(utcTimestampSchema.safeParse(value).success).to.be.false;
    }
  });
});
