-- A value's subject and indicator must exist, as before; what changes is when PostgreSQL checks it. A foreign key
-- checks every inserted row on its own (a query and a row lock on subject, another on indicator): on a 10,000-row COPY
-- of the bulk endpoint that was 60% of the COPY's time, for the same 50 subjects and 200 indicators over and over. The
-- trigger below checks each statement's distinct codes once, with the same FOR KEY SHARE lock a foreign key takes (a
-- referenced row cannot be deleted, nor its code changed, until the inserting transaction ends), and raises the same
-- error (foreign_key_violation, SQLSTATE 23503, naming the old constraint). The referenced side keeps the foreign
-- key's NO ACTION rule through the triggers on subject and indicator further down.
alter table indicator_value drop constraint indicator_value_subject_code_fkey,
    drop constraint indicator_value_indicator_code_fkey;

create function indicator_value_references() returns trigger language plpgsql as $$
declare
    subjects   integer;
    indicators integer;
    present    integer;
    missing    text;
begin
    select count(distinct subject_code), count(distinct indicator_code) into subjects, indicators from new_values;
    perform 1 from subject s where s.code in (select subject_code from new_values) for key share;
    get diagnostics present = row_count;
    if present < subjects then
        select n.subject_code into missing from new_values n
            where not exists (select 1 from subject s where s.code = n.subject_code) limit 1;
        raise foreign_key_violation using constraint = 'indicator_value_subject_code_fkey', table = 'indicator_value',
            message = format('insert or update on table "indicator_value" violates foreign key constraint '
                || '"indicator_value_subject_code_fkey": subject %s is not present', missing);
    end if;
    perform 1 from indicator i where i.code in (select indicator_code from new_values) for key share;
    get diagnostics present = row_count;
    if present < indicators then
        select n.indicator_code into missing from new_values n
            where not exists (select 1 from indicator i where i.code = n.indicator_code) limit 1;
        raise foreign_key_violation using constraint = 'indicator_value_indicator_code_fkey',
            table = 'indicator_value', message = format('insert or update on table "indicator_value" violates '
                || 'foreign key constraint "indicator_value_indicator_code_fkey": indicator %s is not present', missing);
    end if;
    return null;
end $$;

create trigger indicator_value_inserted after insert on indicator_value
    referencing new table as new_values for each statement execute function indicator_value_references();

-- the service never moves a value to another subject or indicator; should anything else, the rows it changes are
-- checked the same way (a statement trigger cannot be limited to these columns, a row trigger with a condition can)
create function indicator_value_recoded() returns trigger language plpgsql as $$
begin
    perform 1 from subject s where s.code = new.subject_code for key share;
    if not found then
        raise foreign_key_violation using constraint = 'indicator_value_subject_code_fkey', table = 'indicator_value',
            message = format('insert or update on table "indicator_value" violates foreign key constraint '
                || '"indicator_value_subject_code_fkey": subject %s is not present', new.subject_code);
    end if;
    perform 1 from indicator i where i.code = new.indicator_code for key share;
    if not found then
        raise foreign_key_violation using constraint = 'indicator_value_indicator_code_fkey',
            table = 'indicator_value', message = format('insert or update on table "indicator_value" violates '
                || 'foreign key constraint "indicator_value_indicator_code_fkey": indicator %s is not present',
                new.indicator_code);
    end if;
    return null;
end $$;

create trigger indicator_value_recoded after update on indicator_value for each row
    when (old.subject_code is distinct from new.subject_code or old.indicator_code is distinct from new.indicator_code)
    execute function indicator_value_recoded();

-- the referenced side: a subject or indicator that values name can be neither deleted nor given another code. The
-- check runs after the row is locked, so it waits for an inserting transaction's FOR KEY SHARE and then sees its rows.
create function value_target_removed() returns trigger language plpgsql as $$
begin
    if (tg_table_name = 'subject' and exists (select 1 from indicator_value where subject_code = old.code))
            or (tg_table_name = 'indicator' and exists (select 1 from indicator_value where indicator_code = old.code))
            then
        raise foreign_key_violation using table = tg_table_name, constraint = 'indicator_value_' || tg_table_name
            || '_code_fkey', message = format('update or delete on table "%s" violates foreign key constraint '
                || '"indicator_value_%s_code_fkey" on table "indicator_value": %s is still named by values',
                tg_table_name, tg_table_name, old.code);
    end if;
    return null;
end $$;

create trigger subject_deleted after delete on subject for each row execute function value_target_removed();
create trigger subject_recoded after update of code on subject for each row
    when (old.code is distinct from new.code) execute function value_target_removed();
create trigger indicator_deleted after delete on indicator for each row execute function value_target_removed();
create trigger indicator_recoded after update of code on indicator for each row
    when (old.code is distinct from new.code) execute function value_target_removed();
