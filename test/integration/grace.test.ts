import { inject } from 'vitest';
import { graceContract } from '../contract/grace.contract';
import { openStack } from '../support/stack';

graceContract('SQLite + in-process index', () => openStack('sqlite+memory'));
graceContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);
