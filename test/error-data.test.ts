/** Errors cross message boundaries as data and come back as their own classes (by `code`). */
import { expect } from '@open-wc/testing';
import {
  FeedbackError,
  InputError,
  NotFoundError,
  PermissionError,
  ReadOnlyError,
  RelayError,
  SendkitError,
  StateError,
  StoreBlockedError,
  StoreFailureError,
  StoreMissingError,
  StoreNameTakenError,
  StoreQuotaError,
  StoreVersionError,
} from '../src/index.js';
import { ERROR_CODES, errorFromData, errorToData } from '../src/remote/index.js';
import { throwingProxy } from './helpers.js';

describe('errors as data', () => {
  const samples: SendkitError[] = [
    new PermissionError('confirm', 'eve'),
    new StateError('confirm', 'editing', 'd1'),
    new NotFoundError('d2'),
    new InputError('user.roles', 'an array'),
    new FeedbackError(3, 'bad'),
    new StoreVersionError(),
    new StoreBlockedError(),
    new StoreQuotaError('apply feedback', 10, 20),
    new StoreNameTakenError('sendkit'),
    new StoreFailureError('read the logs', 'UnknownError'),
    new ReadOnlyError('confirm'),
    new StoreMissingError('portal'),
    new RelayError('credential', 'the relay refused the credential'),
  ];

  it('has a sample of every code', () => {
    expect(samples.map((error) => error.code).sort()).to.deep.equal([...ERROR_CODES].sort());
  });

  for (const error of samples) {
    it(`${error.name} survives structured cloning and JSON, instanceof and fields intact`, () => {
      const data = errorToData(error);
      for (const copy of [structuredClone(data), JSON.parse(JSON.stringify(data))]) {
        const revived = errorFromData(copy);
        expect(revived).to.be.instanceOf(error.constructor);
        expect(revived).to.be.instanceOf(SendkitError);
        expect(revived).to.be.instanceOf(Error);
        expect(revived.message).to.equal(error.message);
        expect(revived.name).to.equal(error.name);
        expect({ ...revived }).to.deep.equal({ ...error });
      }
    });
  }

  it('an unknown error stays a plain Error with its message', () => {
    const revived = errorFromData(errorToData(new TypeError('x is undefined')));
    expect(revived).not.to.be.instanceOf(SendkitError);
    expect([revived.name, revived.message]).to.deep.equal(['TypeError', 'x is undefined']);
  });

  it('data from elsewhere is read as untrusted: no prototype change, no own-property override', () => {
    const data = JSON.parse(
      '{"code":"permission","name":"PermissionError","message":"m","fields":' +
        '{"__proto__":{"polluted":true},"action":"confirm","stack":"forged","nested":{"a":1}}}',
    ) as Parameters<typeof errorFromData>[0];
    const revived = errorFromData(data) as PermissionError & Record<string, unknown>;
    expect(revived).to.be.instanceOf(PermissionError);
    expect(revived.polluted).to.equal(undefined);
    expect(revived.action).to.equal('confirm');
    expect(revived.stack).to.equal('PermissionError: m');
    expect(revived.nested).to.equal(undefined);
  });

  it('anything that is not error data becomes a plain Error, never a throw', () => {
    const throwing = throwingProxy();
    for (const value of [
      null,
      undefined,
      'text',
      42,
      throwing,
      { code: 'permission', message: {} },
    ]) {
      const revived = errorFromData(value as never);
      expect(revived).to.be.instanceOf(Error);
      expect(revived.message).to.be.a('string');
    }
  });
});
