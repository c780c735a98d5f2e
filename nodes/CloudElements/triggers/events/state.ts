import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the Events trigger keeps in the workflow's static data (n8n stores it
 * with the workflow; it is never output).
 */
export interface EventsState {
	/** The key the chosen instances sign their deliveries with: made for this workflow at activation. */
	signatureKey?: string;
	subscription?: Subscription;
	/** Delivery and event IDs already passed on, newest last, at most MAX_SEEN. */
	seen?: string[];
}

export interface Subscription {
	/** The webhook URL the instances were pointed at. */
	url: string;
	/** Each instance this workflow changed, with its event entries as they were before. */
	instances: Record<string, IDataObject>;
}

export function eventsState(ctx: IHookFunctions | IWebhookFunctions): EventsState {
	return ctx.getWorkflowStaticData('node') as EventsState;
}
