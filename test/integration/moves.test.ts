import { inject } from 'vitest';
import { movesContract } from '../contract/moves.contract';
import { openStack } from '../support/stack';

movesContract('SQLite + in-process index', () => openStack('sqlite+memory'), { instances: 1 });
movesContract('MariaDB + Redis', () => openStack('mariadb+redis'), {
  enabled: inject('services').mysql && inject('services').redis,
  instances: 2,
});
