import { Component, effect, inject, Injectable, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { graphql } from '../../gql';
import { Api } from '../core/api';
import { errorText, I18n } from '../core/i18n';
import { AccountDataI18n } from './account-data.i18n';
import { AuthService } from './auth.service';

const Me = graphql(`
  query AccountDeletionState {
    me {
      email
      deletionDueAt
    }
  }
`);
const ExportPage = graphql(`
  query AccountExport($nextToken: String) {
    accountExport(nextToken: $nextToken) {
      data
      nextToken
    }
  }
`);
const RequestDeletion = graphql(`
  mutation RequestAccountDeletion($password: String!) {
    requestAccountDeletion(password: $password) {
      deletionDueAt
    }
  }
`);
const CancelDeletion = graphql(`
  mutation CancelAccountDeletion {
    cancelAccountDeletion {
      deletionDueAt
    }
  }
`);

/** The signed-in account's email and scheduled deletion, read once per sign-in (the header's banner shows it). */
@Injectable({ providedIn: 'root' })
export class AccountState {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly email = signal<string | null>(null);
  readonly deletionDueAt = signal<string | null>(null);

  constructor() {
    effect(() => {
      if (this.auth.signedIn()) void this.load();
      else this.deletionDueAt.set(null);
    });
  }

  async load(): Promise<void> {
    const { me } = await this.auth.asOwner((a) => this.api.request(Me, {}, a)).catch(() => ({ me: null }));
    this.email.set(me?.email ?? null);
    this.deletionDueAt.set(me?.deletionDueAt ?? null);
  }

  async request(password: string): Promise<void> {
    const { requestAccountDeletion } = await this.auth.asOwner((a) =>
      this.api.request(RequestDeletion, { password }, a),
    );
    this.deletionDueAt.set(requestAccountDeletion.deletionDueAt ?? null);
  }

  async cancel(): Promise<void> {
    const { cancelAccountDeletion } = await this.auth.asOwner((a) => this.api.request(CancelDeletion, {}, a));
    this.deletionDueAt.set(cancelAccountDeletion.deletionDueAt ?? null);
  }

  /** Every page of the export, as one JSON document: the first page's fields, and all the tickets. */
  async export(progress: (tickets: number) => void): Promise<{ json: string; tickets: number }> {
    let nextToken: string | null = null;
    let first: Record<string, unknown> = {};
    const tickets: unknown[] = [];
    do {
      const page: { accountExport: { data: string; nextToken?: string | null } } = await this.auth.asOwner(
        (a) => this.api.request(ExportPage, { nextToken }, a),
      );
      const data = JSON.parse(page.accountExport.data) as Record<string, unknown> & { tickets?: unknown[] };
      if (nextToken === null) first = data;
      else tickets.push(...(data.tickets ?? []));
      progress(tickets.length);
      nextToken = page.accountExport.nextToken ?? null;
    } while (nextToken);
    return { json: JSON.stringify({ ...first, tickets }, null, 2), tickets: tickets.length };
  }
}

/** When the account will be deleted, as its owner reads dates. */
const deletionDate = (iso: string, language: string) =>
  new Date(iso).toLocaleString(language, { dateStyle: 'long', timeStyle: 'short' });

/** The account page's data sections: download everything, and delete the account (or keep it). */
@Component({
  selector: 'app-account-data',
  imports: [FormsModule],
  template: `
    <section class="card" data-testid="account-export">
      <h2>{{ d().dataTitle }}</h2>
      <p class="muted">{{ d().dataHelp }}</p>
      @if (file(); as f) {
        <p role="status">{{ d().ready(f.tickets) }}</p>
        <a [href]="f.href" download="queue-manager-account.json">{{ d().save }}</a>
      } @else {
        <button type="button" class="secondary" (click)="prepare()" [disabled]="busy()">
          {{ d().download }}
        </button>
        @if (progress() !== null) {
          <p role="status">{{ d().preparing(progress()!) }}</p>
        }
      }
      @if (exportError()) {
        <p class="error" role="alert">{{ exportError() }}</p>
      }
    </section>
    <form class="card" (ngSubmit)="remove()" novalidate data-testid="account-deletion">
      <h2>{{ d().deleteTitle }}</h2>
      @if (state.deletionDueAt(); as due) {
        <p role="status" data-testid="deletion-scheduled">{{ d().scheduled(when(due)) }}</p>
        <button type="button" (click)="keep()" [disabled]="busy()">{{ d().keep }}</button>
      } @else {
        <p class="muted">{{ d().deleteHelp }}</p>
        <label for="delete-password">{{ d().password }}</label>
        <input
          id="delete-password"
          name="deletePassword"
          type="password"
          autocomplete="current-password"
          [(ngModel)]="password"
        />
        <label for="delete-email">{{ d().typeEmail(state.email() ?? '') }}</label>
        <input id="delete-email" name="deleteEmail" type="email" autocomplete="off" [(ngModel)]="typed" />
        <button type="submit" class="danger" [disabled]="busy()">{{ d().deleteButton }}</button>
        @if (kept()) {
          <p role="status">{{ d().kept }}</p>
        }
      }
      @if (error()) {
        <p class="error" role="alert">{{ error() }}</p>
      }
    </form>
  `,
})
export class AccountDataSection {
  protected readonly t = inject(I18n).t;
  protected readonly d = inject(AccountDataI18n).t;
  private readonly i18n = inject(I18n);
  protected readonly state = inject(AccountState);
  readonly busy = signal(false);
  readonly progress = signal<number | null>(null);
  readonly file = signal<{ href: string; tickets: number } | null>(null);
  readonly exportError = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly kept = signal(false);
  password = '';
  typed = '';

  when(iso: string): string {
    return deletionDate(iso, this.i18n.language());
  }

  async prepare(): Promise<void> {
    this.busy.set(true);
    this.exportError.set(null);
    try {
      const { json, tickets } = await this.state.export((n) => this.progress.set(n));
      this.file.set({ href: URL.createObjectURL(new Blob([json], { type: 'application/json' })), tickets });
    } catch (e) {
      this.exportError.set(errorText(this.t(), e));
    } finally {
      this.busy.set(false);
      this.progress.set(null);
    }
  }

  async remove(): Promise<void> {
    this.error.set(null);
    this.kept.set(false);
    if (this.typed.trim().toLowerCase() !== (this.state.email() ?? '').toLowerCase())
      return this.error.set(this.d().emailMismatch);
    this.busy.set(true);
    try {
      await this.state.request(this.password);
      this.password = '';
      this.typed = '';
    } catch (e) {
      this.error.set(errorText(this.t(), e));
    } finally {
      this.busy.set(false);
    }
  }

  async keep(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.state.cancel();
      this.kept.set(true);
    } catch (e) {
      this.error.set(errorText(this.t(), e));
    } finally {
      this.busy.set(false);
    }
  }
}

/** The header's reminder, on every page, while a deletion is scheduled. */
@Component({
  selector: 'app-deletion-banner',
  imports: [RouterLink],
  template: `
    @if (state.deletionDueAt(); as due) {
      <p class="deletion-banner" role="status" data-testid="deletion-banner">
        {{ d().banner(when(due)) }} <a routerLink="/account">{{ d().bannerLink }}</a>
      </p>
    }
  `,
})
export class DeletionBanner {
  protected readonly state = inject(AccountState);
  protected readonly d = inject(AccountDataI18n).t;
  private readonly i18n = inject(I18n);

  when(iso: string): string {
    return deletionDate(iso, this.i18n.language());
  }
}
