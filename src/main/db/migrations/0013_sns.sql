CREATE TABLE `sns_channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`in_messages` integer DEFAULT true NOT NULL,
	`opened_in` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sns_channels_order_idx` ON `sns_channels` (`active`,`sort_order`);--> statement-breakpoint
CREATE TABLE `sns_figures` (
	`channel_id` integer NOT NULL,
	`month` text NOT NULL,
	`followers` integer,
	`posts` integer,
	`visitors` integer,
	`note` text,
	`updated_by` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`channel_id`, `month`),
	FOREIGN KEY (`channel_id`) REFERENCES `sns_channels`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sns_figures_month_idx` ON `sns_figures` (`month`);--> statement-breakpoint
CREATE TABLE `sns_peer_figures` (
	`as_of` text NOT NULL,
	`ward` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`imported_at` text NOT NULL,
	PRIMARY KEY(`as_of`, `ward`, `kind`)
);
