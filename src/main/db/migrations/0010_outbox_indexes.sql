DROP INDEX `outbox_campaign_idx`;--> statement-breakpoint
DROP INDEX `outbox_status_idx`;--> statement-breakpoint
CREATE INDEX `outbox_campaign_state_idx` ON `outbox` (`campaign_id`,`is_test`,`channel`,`status`);