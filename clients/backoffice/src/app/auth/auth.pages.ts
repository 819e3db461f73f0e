import { Component, inject, input, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { graphql } from '../../gql';
import { Api, ApiError } from '../core/api';
import { AuthService } from './auth.service';
import { validateSignUp, type SignUpErrors } from './validation';

@Component({
  selector: 'app-signup',
  imports: [FormsModule, RouterLink],
  template: `
    @if (sent()) {
      <section class="card" role="status" data-testid="check-email">
        <h1>Check your email</h1>
        <p>We sent a confirmation link to {{ email }}. It works once, for 24 hours.</p>
      </section>
    } @else {
      <form class="card" (ngSubmit)="submit()" novalidate>
        <h1>Create your account</h1>
        <label for="name">Your name</label>
        <input
          id="name"
          name="name"
          [(ngModel)]="name"
          autocomplete="name"
          [attr.aria-invalid]="errors().name ? true : null"
          aria-describedby="name-error"
        />
        @if (errors().name) {
          <p class="error" id="name-error" role="alert">{{ errors().name }}</p>
        }
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          [(ngModel)]="email"
          autocomplete="email"
          [attr.aria-invalid]="errors().email ? true : null"
          aria-describedby="email-error"
        />
        @if (errors().email) {
          <p class="error" id="email-error" role="alert">{{ errors().email }}</p>
        }
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          [(ngModel)]="password"
          autocomplete="new-password"
          [attr.aria-invalid]="errors().password ? true : null"
          aria-describedby="password-error"
        />
        @if (errors().password) {
          <p class="error" id="password-error" role="alert">{{ errors().password }}</p>
        }
        @if (failure()) {
          <p class="error" role="alert">{{ failure() }}</p>
        }
        <button type="submit" [disabled]="busy()">Create account</button>
        <p>Already have one? <a routerLink="/login">Log in</a></p>
      </form>
    }
  `,
})
export class SignUpPage {
  private readonly auth = inject(AuthService);
  name = '';
  email = '';
  password = '';
  readonly errors = signal<SignUpErrors>({});
  readonly failure = signal<string | null>(null);
  readonly busy = signal(false);
  readonly sent = signal(false);

  async submit(): Promise<void> {
    const errors = validateSignUp(this.name, this.email, this.password);
    this.errors.set(errors);
    if (Object.keys(errors).length) return;
    this.busy.set(true);
    try {
      await this.auth.signUp(this.name.trim(), this.email.trim(), this.password);
      this.sent.set(true);
    } catch (error) {
      this.failure.set(error instanceof ApiError ? error.message : 'Something went wrong. Please try again.');
    } finally {
      this.busy.set(false);
    }
  }
}

@Component({
  selector: 'app-verify',
  imports: [RouterLink],
  template: `
    <section class="card" role="status" data-testid="verify">
      @switch (state()) {
        @case ('working') {
          <p>Confirming your email…</p>
        }
        @case ('done') {
          <h1>Your email is confirmed</h1>
          <p><a routerLink="/login">Log in</a> to run your queues.</p>
        }
        @default {
          <h1>This link does not work</h1>
          <p>{{ state() }}</p>
        }
      }
    </section>
  `,
})
export class VerifyPage implements OnInit {
  private readonly auth = inject(AuthService);
  readonly token = input.required<string>();
  readonly state = signal<string>('working');

  async ngOnInit(): Promise<void> {
    try {
      await this.auth.verify(this.token());
      this.state.set('done');
    } catch (error) {
      this.state.set(error instanceof ApiError ? error.message : 'Please try again.');
    }
  }
}

@Component({
  selector: 'app-login',
  imports: [FormsModule, RouterLink],
  template: `
    <form class="card" (ngSubmit)="submit()" novalidate>
      <h1>Log in</h1>
      <label for="email">Email</label>
      <input id="email" name="email" type="email" [(ngModel)]="email" autocomplete="username" />
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        [(ngModel)]="password"
        autocomplete="current-password"
      />
      @if (failure()) {
        <p class="error" role="alert">{{ failure() }}</p>
      }
      <button type="submit" [disabled]="busy()">Log in</button>
      <p>
        New here? <a routerLink="/signup">Create an account</a> ·
        <a routerLink="/forgot">Forgot your password?</a>
      </p>
    </form>
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  email = '';
  password = '';
  readonly failure = signal<string | null>(null);
  readonly busy = signal(false);

  async submit(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.auth.login(this.email.trim(), this.password);
      await this.router.navigateByUrl(this.route.snapshot.queryParamMap.get('returnUrl') || '/queues');
    } catch (error) {
      this.failure.set(error instanceof ApiError ? error.message : 'Something went wrong. Please try again.');
    } finally {
      this.busy.set(false);
    }
  }
}

const RequestReset = graphql(`
  mutation RequestReset($email: AWSEmail!) {
    requestPasswordReset(email: $email)
  }
`);
const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`);

@Component({
  selector: 'app-forgot',
  imports: [FormsModule],
  template: `
    @if (sent()) {
      <section class="card" role="status">
        <h1>Check your email</h1>
        <p>If {{ email }} has an account, a reset link is on its way. It works once, for an hour.</p>
      </section>
    } @else {
      <form class="card" (ngSubmit)="submit()" novalidate>
        <h1>Forgot your password?</h1>
        <label for="email">Email</label>
        <input id="email" name="email" type="email" [(ngModel)]="email" autocomplete="username" />
        @if (failure()) {
          <p class="error" role="alert">{{ failure() }}</p>
        }
        <button type="submit">Send a reset link</button>
      </form>
    }
  `,
})
export class ForgotPage {
  private readonly api = inject(Api);
  email = '';
  readonly sent = signal(false);
  readonly failure = signal<string | null>(null);

  async submit(): Promise<void> {
    try {
      await this.api.request(RequestReset, { email: this.email.trim() }, 'Public');
      this.sent.set(true);
    } catch (error) {
      this.failure.set(error instanceof ApiError ? error.message : 'Please enter a valid email address.');
    }
  }
}

@Component({
  selector: 'app-reset',
  imports: [FormsModule, RouterLink],
  template: `
    @if (done()) {
      <section class="card" role="status">
        <h1>Your password is changed</h1>
        <p><a routerLink="/login">Log in</a> with it.</p>
      </section>
    } @else {
      <form class="card" (ngSubmit)="submit()" novalidate>
        <h1>Choose a new password</h1>
        <label for="password">New password</label>
        <input
          id="password"
          name="password"
          type="password"
          [(ngModel)]="password"
          autocomplete="new-password"
          aria-describedby="password-error"
        />
        @if (failure()) {
          <p class="error" id="password-error" role="alert">{{ failure() }}</p>
        }
        <button type="submit">Change password</button>
      </form>
    }
  `,
})
export class ResetPage {
  private readonly api = inject(Api);
  readonly token = input.required<string>();
  password = '';
  readonly done = signal(false);
  readonly failure = signal<string | null>(null);

  async submit(): Promise<void> {
    const error = validateSignUp('x', 'x@x.xx', this.password).password;
    if (error) return this.failure.set(error);
    try {
      await this.api.request(ResetPassword, { token: this.token(), password: this.password }, 'Public');
      this.done.set(true);
    } catch (e) {
      this.failure.set(e instanceof ApiError ? e.message : 'Something went wrong. Please try again.');
    }
  }
}
