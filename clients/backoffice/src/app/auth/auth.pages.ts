/** The account pages before a session: sign-up, verification, login, password reset (each small; one file). */
import { Component, inject, input, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { graphql } from '../../gql';
import { Api } from '../core/api';
import { errorField, errorText, I18n } from '../core/i18n';
import { AuthService } from './auth.service';
import { isNotVerified, ResendVerificationForm } from './resend-verification';
import { validateSignUp, type SignUpErrors } from './validation';

@Component({
  selector: 'app-signup',
  imports: [FormsModule, RouterLink],
  template: `
    @if (sent()) {
      <section class="card" role="status" data-testid="check-email">
        <h1>{{ t().checkEmail }}</h1>
        <p>{{ t().sentConfirmation(email) }}</p>
      </section>
    } @else {
      <form class="card" (ngSubmit)="submit()" novalidate>
        <h1>{{ t().createAccount }}</h1>
        <label for="name">{{ t().yourName }}</label>
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
        <label for="email">{{ t().email }}</label>
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
        <label for="password">{{ t().password }}</label>
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
        <button type="submit" [disabled]="busy()">{{ t().createAccountButton }}</button>
        <p>
          {{ t().alreadyHaveOne }} <a routerLink="/login">{{ t().logIn }}</a>
        </p>
      </form>
    }
  `,
})
export class SignUpPage {
  protected readonly t = inject(I18n).t;
  private readonly auth = inject(AuthService);
  name = '';
  email = '';
  password = '';
  readonly errors = signal<SignUpErrors>({});
  readonly failure = signal<string | null>(null);
  readonly busy = signal(false);
  readonly sent = signal(false);

  async submit(): Promise<void> {
    const errors = validateSignUp(this.name, this.email, this.password, this.t());
    this.errors.set(errors);
    if (Object.keys(errors).length) return;
    this.busy.set(true);
    try {
      await this.auth.signUp(this.name.trim(), this.email.trim(), this.password);
      this.sent.set(true);
    } catch (error) {
      // A refusal about one field shows at that field, like the form's own checks.
      const field = errorField(error);
      if (field === 'name' || field === 'email' || field === 'password')
        this.errors.set({ [field]: errorText(this.t(), error) });
      else this.failure.set(errorText(this.t(), error));
    } finally {
      this.busy.set(false);
    }
  }
}

@Component({
  selector: 'app-verify',
  imports: [RouterLink, ResendVerificationForm],
  template: `
    <section class="card" role="status" data-testid="verify">
      @switch (state()) {
        @case ('working') {
          <p>{{ t().confirming }}</p>
        }
        @case ('done') {
          <h1>{{ t().confirmed }}</h1>
          <p>
            <a routerLink="/login">{{ t().logIn }}</a> {{ t().toRunQueues }}
          </p>
        }
        @default {
          <h1>{{ t().linkDoesNotWork }}</h1>
          <p>{{ state() }}</p>
        }
      }
    </section>
    @if (state() !== 'working' && state() !== 'done') {
      <app-resend-verification />
    }
  `,
})
export class VerifyPage implements OnInit {
  protected readonly t = inject(I18n).t;
  private readonly auth = inject(AuthService);
  readonly token = input.required<string>();
  readonly state = signal<string>('working');

  async ngOnInit(): Promise<void> {
    try {
      await this.auth.verify(this.token());
      this.state.set('done');
    } catch (error) {
      this.state.set(errorText(this.t(), error));
    }
  }
}

@Component({
  selector: 'app-login',
  imports: [FormsModule, RouterLink, ResendVerificationForm],
  template: `
    <form class="card" (ngSubmit)="submit()" novalidate>
      <h1>{{ t().logIn }}</h1>
      <label for="email">{{ t().email }}</label>
      <input id="email" name="email" type="email" [(ngModel)]="email" autocomplete="username" />
      <label for="password">{{ t().password }}</label>
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
      <button type="submit" [disabled]="busy()">{{ t().logIn }}</button>
      <p>
        {{ t().newHere }} <a routerLink="/signup">{{ t().createAnAccount }}</a> ·
        <a routerLink="/forgot">{{ t().forgotPassword }}</a>
      </p>
    </form>
    @if (notVerified()) {
      <app-resend-verification [initialEmail]="email.trim()" />
    }
  `,
})
export class LoginPage {
  protected readonly t = inject(I18n).t;
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  email = '';
  password = '';
  readonly failure = signal<string | null>(null);
  readonly busy = signal(false);
  /** The account waits for its email to be confirmed: offer a new link. */
  readonly notVerified = signal(false);

  async submit(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.auth.login(this.email.trim(), this.password);
      await this.router.navigateByUrl(this.route.snapshot.queryParamMap.get('returnUrl') || '/queues');
    } catch (error) {
      this.failure.set(errorText(this.t(), error));
      this.notVerified.set(isNotVerified(error));
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
        <h1>{{ t().checkEmail }}</h1>
        <p>{{ t().resetSent(email) }}</p>
      </section>
    } @else {
      <form class="card" (ngSubmit)="submit()" novalidate>
        <h1>{{ t().forgotPassword }}</h1>
        <label for="email">{{ t().email }}</label>
        <input id="email" name="email" type="email" [(ngModel)]="email" autocomplete="username" />
        @if (failure()) {
          <p class="error" role="alert">{{ failure() }}</p>
        }
        <button type="submit">{{ t().sendResetLink }}</button>
      </form>
    }
  `,
})
export class ForgotPage {
  protected readonly t = inject(I18n).t;
  private readonly api = inject(Api);
  email = '';
  readonly sent = signal(false);
  readonly failure = signal<string | null>(null);

  async submit(): Promise<void> {
    try {
      await this.api.request(RequestReset, { email: this.email.trim() }, 'Public');
      this.sent.set(true);
    } catch (error) {
      this.failure.set(errorText(this.t(), error));
    }
  }
}

@Component({
  selector: 'app-reset',
  imports: [FormsModule, RouterLink],
  template: `
    @if (done()) {
      <section class="card" role="status">
        <h1>{{ t().passwordChanged }}</h1>
        <p>
          <a routerLink="/login">{{ t().logIn }}</a> {{ t().withIt }}
        </p>
      </section>
    } @else {
      <form class="card" (ngSubmit)="submit()" novalidate>
        <h1>{{ t().chooseNewPassword }}</h1>
        <label for="password">{{ t().newPassword }}</label>
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
        <button type="submit">{{ t().changePassword }}</button>
      </form>
    }
  `,
})
export class ResetPage {
  protected readonly t = inject(I18n).t;
  private readonly api = inject(Api);
  readonly token = input.required<string>();
  password = '';
  readonly done = signal(false);
  readonly failure = signal<string | null>(null);

  async submit(): Promise<void> {
    const error = validateSignUp('x', 'x@x.xx', this.password, this.t()).password;
    if (error) return this.failure.set(error);
    try {
      await this.api.request(ResetPassword, { token: this.token(), password: this.password }, 'Public');
      this.done.set(true);
    } catch (e) {
      this.failure.set(errorText(this.t(), e));
    }
  }
}
