/**
 * The kiosk's connection to its fleet broker, as other features see it. Implemented over MQTT 5
 * in domain/fleet/ (FleetService); absent (undefined) when `fleet.enabled` is false.
 */
export interface FleetLink {
  /** True while connected to the broker. */
  readonly connected: boolean;
  /**
   * MQTT 5 request/response: publishes `payload` to `topic` with a response topic and correlation
   * data, resolves with the response payload. Rejects with DriverError('timeout') after
   * `timeoutMs`, or DriverError('disconnected') when offline.
   */
  request(
    topic: string,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<Record<string, unknown>>;
  /** Called when connection state changes. Returns an unsubscribe function. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}
