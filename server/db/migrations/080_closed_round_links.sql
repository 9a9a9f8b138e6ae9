-- After a round closes the app forgets every personal link it kept: the sealed links and the
-- link in outbox copies of its mails (Invitations.forgetClosedLinks, every scheduler pass).
-- This index keeps finding the outbox copies that still hold a body cheap.
create index mails_kept_bodies on mails (round_id) where text_body is not null or html_body is not null;
