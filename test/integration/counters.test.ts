import { inject } from 'vitest';
import { countersContract } from '../contract/counters.contract';
import { openStack } from '../support/stack';

countersContract('SQLite + in-process index', () => openStack('sqlite+memory'));
countersContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);
