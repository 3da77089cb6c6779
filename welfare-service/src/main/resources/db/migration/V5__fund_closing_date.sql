-- #29.11 a fund takes new grants (submission, approval) until its closing date (Asia/Shanghai, inclusive); payouts of
-- approved grants go on after it. Existing funds close on the default closing day: 31 January of the following year.
ALTER TABLE fund ADD COLUMN closes_on DATE;
UPDATE fund SET closes_on = make_date(year + 1, 1, 31);
ALTER TABLE fund ALTER COLUMN closes_on SET NOT NULL;
ALTER TABLE fund ADD CONSTRAINT fund_closes_in_or_after_its_year CHECK (closes_on >= make_date(year, 1, 1));
