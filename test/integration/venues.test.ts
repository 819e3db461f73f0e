import { inject } from 'vitest';
import { erasureContract } from '../contract/erasure.contract';
import { accountDeletionContract } from '../contract/account-deletion.contract';
import { invitationsContract } from '../contract/invitations.contract';
import { retentionContract } from '../contract/retention.contract';
import { venuesContract } from '../contract/venues.contract';
import { openStack } from '../support/stack';

venuesContract('SQLite + in-process index', () => openStack('sqlite+memory'));
venuesContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);

invitationsContract('SQLite + in-process index', () => openStack('sqlite+memory'));
invitationsContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);

retentionContract('SQLite + in-process index', () => openStack('sqlite+memory'));
retentionContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);

erasureContract('SQLite + in-process index', () => openStack('sqlite+memory'));
erasureContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);

accountDeletionContract('SQLite + in-process index', () => openStack('sqlite+memory'));
accountDeletionContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
  true,
);
