/** The server's rules for account forms, mirrored so mistakes show before a round trip. */
export interface SignUpErrors {
  name?: string;
  email?: string;
  password?: string;
}

export function validateSignUp(name: string, email: string, password: string): SignUpErrors {
  const errors: SignUpErrors = {};
  const trimmed = name.trim();
  if (!trimmed) errors.name = 'Please enter your name.';
  else if ([...trimmed].length > 128) errors.name = 'Please use at most 128 characters.';
  else if (/[<>{}[\]\\;`|^$=]/.test(trimmed)) errors.name = 'Please leave out characters such as < > ; { }.';
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email.trim()))
    errors.email = 'Please enter a valid email address.';
  if ([...password].length < 10) errors.password = 'Please use at least 10 characters.';
  else if ([...password].length > 128) errors.password = 'Please use at most 128 characters.';
  return errors;
}

export function validateQueueName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Please enter a name for the queue.';
  if ([...trimmed].length > 128) return 'Please use at most 128 characters.';
  if (/[<>{}[\]\\;`|^$=]/.test(trimmed)) return 'Please leave out characters such as < > ; { }.';
  return undefined;
}
