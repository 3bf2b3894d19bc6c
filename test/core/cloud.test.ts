import { expect } from '@open-wc/testing';
import { CLOUDS, TENANT_TYPES, cloudOf, isTenantType } from '../../src/core/cloud.js';

describe('core/cloud', () => {
  it('lists exactly the two tenant types of the seed', () => {
    expect([...TENANT_TYPES]).to.deep.equal(['standard', 'gcc-high']);
  });

  it('maps Standard to the commercial (.com) hosts', () => {
    expect(cloudOf('standard')).to.deep.equal({
      tenantType: 'standard',
      loginHost: 'login.microsoftonline.com',
      graphHost: 'graph.microsoft.com',
    });
  });

  it('maps GCC High to the US government (.us) hosts', () => {
    expect(cloudOf('gcc-high')).to.deep.equal({
      tenantType: 'gcc-high',
      loginHost: 'login.microsoftonline.us',
      graphHost: 'graph.microsoft.us',
    });
  });

  it('keeps the cloud table frozen', () => {
    expect(Object.isFrozen(CLOUDS)).to.be.true;
    expect(Object.isFrozen(CLOUDS.standard)).to.be.true;
    expect(Object.isFrozen(CLOUDS['gcc-high'])).to.be.true;
  });

  it('isTenantType accepts only the known tenant types', () => {
    expect(isTenantType('standard')).to.be.true;
    expect(isTenantType('gcc-high')).to.be.true;
    for (const value of ['Standard', 'GCC High', 'gcc', 'dod', '', undefined, null, 1, {}]) {
      expect(isTenantType(value), String(value)).to.be.false;
    }
  });
});
