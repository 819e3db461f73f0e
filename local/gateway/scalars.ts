import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isIP } from 'node:net';

/** AppSync's built-in scalars, validated as AppSync does; values travel as strings (AWSTimestamp: a number). */
function stringScalar(name: string, valid: (value: string) => boolean, what: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !valid(value))
      throw new GraphQLError(`Invalid ${name} value: expected ${what}.`);
    return value;
  };
  return new GraphQLScalarType({
    name,
    serialize: (value) => value,
    parseValue: check,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING)
        throw new GraphQLError(`Invalid ${name} literal: expected a string.`, { nodes: ast });
      return check(ast.value);
    },
  });
}

const OFFSET = '(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)';
const DATE = /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const TIME = new RegExp(`^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?${OFFSET}?$`);
const DATE_TIME = new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?${OFFSET}$`);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{3,}$/;

function validUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol.length > 1 && value.includes('://');
  } catch {
    return false;
  }
}

function validJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

const validIp = (value: string) => {
  const [address, prefix, extra] = value.split('/');
  return (
    extra === undefined && isIP(address ?? '') !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix))
  );
};

export const appSyncScalars: GraphQLScalarType[] = [
  stringScalar(
    'AWSDate',
    (v) => DATE.test(v) && !Number.isNaN(Date.parse(v.slice(0, 10))),
    'an ISO 8601 date (YYYY-MM-DD)',
  ),
  stringScalar('AWSTime', (v) => TIME.test(v), 'an ISO 8601 time (hh:mm:ss.sss)'),
  stringScalar(
    'AWSDateTime',
    (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
    'an ISO 8601 date and time with an offset',
  ),
  stringScalar('AWSEmail', (v) => EMAIL.test(v), 'an email address'),
  stringScalar('AWSJSON', validJson, 'a JSON string'),
  stringScalar('AWSURL', validUrl, 'a URL with a scheme'),
  stringScalar('AWSPhone', (v) => PHONE.test(v), 'a phone number'),
  stringScalar('AWSIPAddress', validIp, 'an IPv4 or IPv6 address'),
  new GraphQLScalarType({
    name: 'AWSTimestamp',
    serialize: (value) => value,
    parseValue: (value) => {
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw new GraphQLError('Invalid AWSTimestamp value: expected whole seconds.');
      return value;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.INT)
        throw new GraphQLError('Invalid AWSTimestamp literal: expected whole seconds.', { nodes: ast });
      return Number(ast.value);
    },
  }),
];
