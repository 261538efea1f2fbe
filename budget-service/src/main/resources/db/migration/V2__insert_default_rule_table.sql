-- The linkage rules of DESIGN section 6 as the default table (fiscal_year 0 = any year without its own table).
insert into rule_table (fiscal_year, version, rules, created_at) values (0, 1, '{
  "gradeAdjustment": {"EXCELLENT": 0, "GOOD": 0, "PASS": -10, "FAIL": -30},
  "excellentCeiling": 10,
  "cancelAfterFailYears": 2,
  "politicalThreshold": 60,
  "politicalPenalty": -10,
  "livelihoodMaxCut": 10
}', now());
