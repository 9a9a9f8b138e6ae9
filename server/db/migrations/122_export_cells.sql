-- Exports (issue 12): the response-level table is written by the database itself (COPY … TO
-- STDOUT, server/reports/answer-export.ts), so the one rule against formula injection that the
-- app applies to every other cell (server/reports/export-cells.ts, `safeText`) is needed in SQL
-- too. A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a
-- formula; a Dutch Excel also splits an unquoted line at `;` and an English one at `,`, so a
-- formula after one of those is defused as well. Defused means: a ' before the cell and before
-- each such formula start; the text is otherwise kept.
create function csv_safe(t text) returns text
language sql immutable parallel safe as $$
  select case
    when t ~ '^[=+@\t\r-]' or t ~ '[;,\t\r\n][ \t\r\n]*[=+@-]'
      then '''' || regexp_replace(t, '([;,\t\r\n][ \t\r\n]*)([=+@-])', '\1''\2', 'g')
    else t
  end
$$;
