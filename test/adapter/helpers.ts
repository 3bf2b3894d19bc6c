import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/core/errors.js';

/** Awaits `promise`, expects it to reject with an `AdapterError`, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected an AdapterError').to.be.instanceOf(AdapterError);
  return thrown as AdapterError;
}
