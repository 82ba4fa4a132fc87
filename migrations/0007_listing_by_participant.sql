-- The User Profile Listing (R28) reads one participant's profiles in user-ID order: with this
-- index a page is read in order from that participant's first row, however many profiles the
-- other participants hold (without it PostgreSQL walked the primary key across all of them).
CREATE INDEX profiles_by_participant_and_id ON profiles (participant_id, user_id);
DROP INDEX profiles_by_participant;
