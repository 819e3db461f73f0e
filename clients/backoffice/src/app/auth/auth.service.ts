import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { graphql } from '../../gql';
import { Api, ApiError } from '../core/api';

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

const STORAGE_KEY = 'qm.session';

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
    localStorage.removeItem(STORAGE_KEY);
    this.session.set(null);
  }

  private keep(session: StoredSession): void {
    const stored = { accessToken: session.accessToken, expiresAt: session.expiresAt };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    this.session.set(stored);
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
