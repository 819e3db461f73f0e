import { inject } from 'vitest';
import { venuesContract } from '../contract/venues.contract';
import { openStack } from '../support/stack';

venuesContract('SQLite + in-process index', () => openStack('sqlite+memory'));
venuesContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);
