import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { graphql } from '../../gql';
import { Api, ApiError } from '../core/api';
import type { TypedDocument } from '../../../../shared/amplify-client';

const SignUp = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      accepted
      email
    }
  }
`);
const VerifyEmail = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      email
      status
    }
  }
`);
const Login = graphql(`
  mutation Login($email: AWSEmail!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      expiresAt
    }
  }
`);

const Logout = graphql(`
  mutation Logout {
    logout
  }
`);
const LogoutEverywhere = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);
const ChangePassword = graphql(`
  mutation ChangePassword($current: String!, $next: String!) {
    changePassword(currentPassword: $current, newPassword: $next) {
      accessToken
      expiresAt
    }
  }
`);

const RefreshSession = graphql(`
  mutation RefreshSession {
    refreshSession {
      accessToken
      expiresAt
    }
  }
`);

const STORAGE_KEY = 'qm.session';
/** How long before its end a session is refreshed (at most half its remaining life). */
const REFRESH_LEAD_MS = 2 * 60 * 1000;

interface StoredSession {
  accessToken: string;
  expiresAt: string;
}

/** The owner's session: kept in storage, expired sessions dropped, every owner call carries it. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly session = signal<StoredSession | null>(AuthService.load());

  readonly signedIn = computed(() => this.session() !== null);
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Live subscriptions, started again with each fresh token (an expired token cannot reconnect). */
  private readonly followers = new Set<() => void>();

  constructor() {
    this.scheduleRefresh();
  }

  private static load(): StoredSession | null {
    try {
      const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
      return stored && Date.parse(stored.expiresAt) > Date.now() ? stored : null;
    } catch {
      return null;
    }
  }

  /** `Bearer <token>`, or null once the session has expired (the guard then sends the owner to log in). */
  authorization(): string | null {
    const current = this.session();
    if (!current || Date.parse(current.expiresAt) <= Date.now()) {
      if (current) this.forget();
      return null;
    }
    return `Bearer ${current.accessToken}`;
  }

  async signUp(name: string, email: string, password: string): Promise<void> {
    await this.api.request(SignUp, { input: { name, email, password } }, 'Public');
  }

  async verify(token: string): Promise<void> {
    await this.api.request(VerifyEmail, { token }, 'Public');
  }

  async login(email: string, password: string): Promise<void> {
    const { login } = await this.api.request(Login, { email, password }, 'Public');
    this.keep(login);
  }

  /** Ends this session on the server too; the token is dropped here whatever the server answers. */
  async logout(): Promise<void> {
    const authorization = this.authorization();
    this.forget();
    if (authorization) await this.api.request(Logout, {}, authorization).catch(() => undefined);
  }

  /** Ends every session of the account, on every device, this one included. */
  async logoutEverywhere(): Promise<void> {
    await this.asOwner((authorization) => this.api.request(LogoutEverywhere, {}, authorization));
    this.forget();
  }

  /** Changes the password: every other session ends, this browser continues with the fresh session. */
  async changePassword(current: string, next: string): Promise<void> {
    const { changePassword } = await this.asOwner((authorization) =>
      this.api.request(ChangePassword, { current, next }, authorization),
    );
    this.keep(changePassword);
  }

  /** Drops the session in this browser only. */
  forget(): void {
    clearTimeout(this.refreshTimer);
    localStorage.removeItem(STORAGE_KEY);
    this.session.set(null);
  }

  /**
   * A subscription as the owner that follows the session: when the token is refreshed, it starts again with
   * the fresh one (the new subscription first, then the old one ends, so no event falls between).
   */
  subscribe<R, V>(
    document: TypedDocument<R, V>,
    variables: V,
    next: (data: R) => void,
    ready?: () => void,
  ): () => void {
    const start = () => {
      const authorization = this.authorization();
      return authorization
        ? this.api.subscribe(document, variables, authorization, next, undefined, ready)
        : () => undefined;
    };
    let stop = start();
    const follow = () => {
      const previous = stop;
      stop = start();
      previous();
    };
    this.followers.add(follow);
    return () => {
      this.followers.delete(follow);
      stop();
    };
  }

  private keep(session: StoredSession): void {
    const stored = { accessToken: session.accessToken, expiresAt: session.expiresAt };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    this.session.set(stored);
    this.scheduleRefresh();
  }

  /** Refreshes the session before it ends; a refusal (ended elsewhere, too old) sends the owner to log in. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const current = this.session();
    if (!current) return;
    const remaining = Date.parse(current.expiresAt) - Date.now();
    const lead = Math.min(REFRESH_LEAD_MS, remaining / 2);
    this.refreshTimer = setTimeout(() => void this.refresh(), Math.max(0, remaining - lead));
  }

  private async refresh(): Promise<void> {
    try {
      const { refreshSession } = await this.asOwner((authorization) =>
        this.api.request(RefreshSession, {}, authorization),
      );
      this.keep(refreshSession);
      for (const follow of this.followers) follow();
    } catch {
      // asOwner has already sent an ended session to log in; anything else retries on the next request.
    }
  }

  /** Runs an owner call; an UNAUTHENTICATED answer (expired or revoked) ends the session and goes to login. */
  async asOwner<T>(call: (authorization: string) => Promise<T>): Promise<T> {
    const authorization = this.authorization();
    if (!authorization) {
      await this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url } });
      throw new ApiError('UNAUTHENTICATED', 'Please sign in.');
    }
    try {
      return await call(authorization);
    } catch (error) {
      if (error instanceof ApiError && error.errorType === 'UNAUTHENTICATED') {
        this.forget();
        await this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url } });
      }
      throw error;
    }
  }
}
