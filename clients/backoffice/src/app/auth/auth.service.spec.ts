import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthService } from './auth.service';

describe('the owner session', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
  });

  it('given a stored live session, then calls carry it as a Bearer token', () => {
    localStorage.setItem(
      'qm.session',
      JSON.stringify({
        accessToken: 'abc.def.ghi',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      }),
    );
    const auth = TestBed.inject(AuthService);
    expect(auth.signedIn()).toBe(true);
    expect(auth.authorization()).toBe('Bearer abc.def.ghi');
  });

  it('given an expired session, then there is none and it is dropped from storage', () => {
    localStorage.setItem(
      'qm.session',
      JSON.stringify({ accessToken: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() }),
    );
    const auth = TestBed.inject(AuthService);
    expect(auth.signedIn()).toBe(false);
    expect(auth.authorization()).toBeNull();
  });

  it('given forget, then the session is gone from this browser', () => {
    localStorage.setItem(
      'qm.session',
      JSON.stringify({
        accessToken: 'abc',
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      }),
    );
    const auth = TestBed.inject(AuthService);
    auth.forget();
    expect(auth.authorization()).toBeNull();
    expect(localStorage.getItem('qm.session')).toBeNull();
  });
});
