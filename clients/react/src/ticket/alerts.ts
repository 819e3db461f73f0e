/** Alerting the person when called: vibration, a short tone and a notification, where they allowed it. */
let audio: AudioContext | undefined;

/** Must run in a user gesture: unlocks sound and asks for notifications. */
export async function enableAlerts(): Promise<boolean> {
  audio ??= new AudioContext();
  await audio.resume().catch(() => undefined);
  if ('Notification' in window && Notification.permission === 'default')
    await Notification.requestPermission().catch(() => undefined);
  return true;
}

export function alertTurn(title: string, body: string): void {
  navigator.vibrate?.([300, 120, 300, 120, 600]);
  if (audio && audio.state === 'running') {
    const now = audio.currentTime;
    for (const [i, frequency] of [880, 1175, 880].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, now + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.25 + 0.22);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + i * 0.25);
      tone.stop(now + i * 0.25 + 0.23);
    }
  }
  if (
    'Notification' in window &&
    Notification.permission === 'granted' &&
    document.visibilityState !== 'visible'
  )
    new Notification(title, { body, tag: 'queue-manager-turn', requireInteraction: true });
}
