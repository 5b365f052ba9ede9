CREATE TABLE `public_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_at` text,
	`last_error` text,
	`done_at` text
);
--> statement-breakpoint
CREATE INDEX `public_actions_pending_idx` ON `public_actions` (`done_at`,`next_at`);