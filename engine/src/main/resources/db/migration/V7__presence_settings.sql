-- Presence privacy (seed 002: "respect user privacy preferences for presence"). A user with
-- visible = false appears offline to everyone; no row means visible.
create table presence_settings (
    user_id     varchar(64) primary key,
    visible     boolean     not null default true,
    updated_at  timestamp with time zone not null default current_timestamp
);
