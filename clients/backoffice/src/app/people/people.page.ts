import { Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { VenuePeopleQuery, VenueRole } from '../../gql/graphql';
import { AuthService } from '../auth/auth.service';
import { Api } from '../core/api';
import { errorText, I18n } from '../core/i18n';
import {
  CreateVenue,
  InviteToVenue,
  MyVenues,
  RemoveMember,
  RevokeInvitation,
  SetMemberRole,
  VenuePeople,
} from './people.documents';
import { PeopleTexts, VENUE_KEY } from './people.i18n';
import { PersonalDataForm } from './personal-data';

type People = VenuePeopleQuery;
type Member = People['venueMembers'][number];

/** /people: a venue's people — members and their roles, invitations — for its owners and managers. */
@Component({
  selector: 'app-people',
  imports: [FormsModule, PersonalDataForm],
  templateUrl: './people.page.html',
})
export class PeoplePage implements OnInit {
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly p = inject(PeopleTexts).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly venues = signal<{ id: string; name: string; role: VenueRole }[]>([]);
  readonly manageable = computed(() => this.venues().filter((v) => v.role !== 'CLERK'));
  readonly venueId = signal<string | null>(null);
  readonly people = signal<People | null>(null);
  readonly queues = computed(
    () => this.people()?.myQueues.items.filter((q) => q.venueId === this.venueId()) ?? [],
  );
  readonly myRole = computed(() => this.venues().find((v) => v.id === this.venueId())?.role ?? null);
  readonly error = signal<string | null>(null);
  readonly notice = signal<string | null>(null);
  readonly roles: VenueRole[] = ['OWNER', 'MANAGER', 'CLERK'];
  newVenue = '';
  inviteEmail = '';
  inviteRole: VenueRole = 'CLERK';
  inviteQueues: Record<string, boolean> = {};

  async ngOnInit(): Promise<void> {
    await this.loadVenues();
  }

  private async loadVenues(): Promise<void> {
    const { myVenues } = await this.auth.asOwner((a) => this.api.request(MyVenues, {}, a));
    this.venues.set(myVenues);
    const remembered = localStorage.getItem(VENUE_KEY);
    const chosen = this.manageable().find((v) => v.id === remembered) ?? this.manageable()[0];
    await this.choose(chosen?.id ?? null);
  }

  async choose(id: string | null): Promise<void> {
    this.venueId.set(id);
    if (id) localStorage.setItem(VENUE_KEY, id);
    await this.read();
  }

  private async read(): Promise<void> {
    const venueId = this.venueId();
    if (!venueId) return this.people.set(null);
    this.people.set(await this.auth.asOwner((a) => this.api.request(VenuePeople, { venueId }, a)));
  }

  /** Roles the caller may give: owners any, managers managers and clerks. */
  assignable(): VenueRole[] {
    return this.myRole() === 'OWNER' ? this.roles : ['MANAGER', 'CLERK'];
  }

  private async run(call: (authorization: string) => Promise<unknown>, notice?: string): Promise<void> {
    this.error.set(null);
    this.notice.set(null);
    try {
      await this.auth.asOwner(call);
      if (notice) this.notice.set(notice);
    } catch (e) {
      this.error.set(errorText(this.t(), e));
    }
    await this.read();
  }

  async createVenue(): Promise<void> {
    const name = this.newVenue.trim();
    if (!name) return;
    await this.run((a) => this.api.request(CreateVenue, { input: { name } }, a));
    this.newVenue = '';
    await this.loadVenues();
  }

  invite(): Promise<void> {
    const venueId = this.venueId()!;
    const email = this.inviteEmail.trim();
    const queueIds = Object.entries(this.inviteQueues)
      .filter(([, on]) => on)
      .map(([id]) => id);
    return this.run(
      (a) =>
        this.api.request(
          InviteToVenue,
          {
            venueId,
            input: { email, role: this.inviteRole, ...(this.inviteRole === 'CLERK' ? { queueIds } : {}) },
          },
          a,
        ),
      this.p().sent(email),
    ).then(() => {
      if (!this.error()) this.inviteEmail = '';
    });
  }

  revoke = (id: string) => this.run((a) => this.api.request(RevokeInvitation, { id }, a));

  setRole(member: Member, role: VenueRole): Promise<void> {
    const venueId = this.venueId()!;
    // A clerk made from someone else keeps no queues unless given: start with every queue of the venue.
    const queueIds = role === 'CLERK' ? (member.queueIds ?? this.queues().map((q) => q.id)) : null;
    return this.run((a) =>
      this.api.request(
        SetMemberRole,
        { venueId, accountId: member.accountId, input: { role, ...(queueIds ? { queueIds } : {}) } },
        a,
      ),
    );
  }

  remove = (member: Member) =>
    this.run((a) =>
      this.api.request(RemoveMember, { venueId: this.venueId()!, accountId: member.accountId }, a),
    );

  queueNames(ids: readonly string[] | null | undefined): string {
    if (!ids) return this.p().allQueues;
    return ids.map((id) => this.queues().find((q) => q.id === id)?.name ?? '—').join(', ');
  }
}
