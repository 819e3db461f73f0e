import { inject } from 'vitest';
import { joinGuardsContract } from '../contract/join-guards.contract';
import { openStack } from '../support/stack';

joinGuardsContract('SQLite + in-process index', () => openStack('sqlite+memory'));
joinGuardsContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);
