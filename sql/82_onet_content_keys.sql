-- Occupation content, part 3: the keys, foreign keys and indexes of the
-- tables of sql/80_onet_content.sql, added after sql/81_onet_content_data.sql
-- has filled them.  Adding a foreign key to a full table checks it with one
-- join; the same keys on the empty tables would check every row of the load
-- one by one, which made CREATE EXTENSION three times slower.  An index
-- built on a full table is one sort instead of an insertion per row.

ALTER TABLE onet_task ADD PRIMARY KEY (task_id);
ALTER TABLE onet_task ADD CONSTRAINT onet_task_position_unique UNIQUE (code, position);
ALTER TABLE onet_emerging_task ADD PRIMARY KEY (code, task);
ALTER TABLE onet_dwa ADD PRIMARY KEY (dwa_id);
ALTER TABLE onet_task_dwa ADD PRIMARY KEY (task_id, dwa_id);
ALTER TABLE onet_technology ADD PRIMARY KEY (code, example);
ALTER TABLE onet_tool ADD PRIMARY KEY (code, example);
ALTER TABLE onet_ete_category ADD PRIMARY KEY (scale_id, category);
ALTER TABLE onet_ete ADD CONSTRAINT onet_ete_unique UNIQUE NULLS NOT DISTINCT (code, element_id, scale_id, category);
ALTER TABLE onet_work_style ADD PRIMARY KEY (code, element_id);
ALTER TABLE onet_interest ADD PRIMARY KEY (code, element_id, scale_id);
ALTER TABLE onet_related_occupation ADD PRIMARY KEY (code, related);
ALTER TABLE onet_content_term ADD PRIMARY KEY (term);
ALTER TABLE onet_content_term ADD CONSTRAINT onet_content_term_unique UNIQUE (block, key);
ALTER TABLE onet_content_vector ADD PRIMARY KEY (code);

ALTER TABLE onet_task ADD CONSTRAINT onet_task_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_emerging_task ADD CONSTRAINT onet_emerging_task_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_emerging_task ADD CONSTRAINT onet_emerging_task_original_task_id_fkey FOREIGN KEY (original_task_id) REFERENCES onet_task (task_id);
ALTER TABLE onet_dwa ADD CONSTRAINT onet_dwa_element_id_fkey FOREIGN KEY (element_id) REFERENCES onet_content_element (element_id);
ALTER TABLE onet_task_dwa ADD CONSTRAINT onet_task_dwa_task_id_fkey FOREIGN KEY (task_id) REFERENCES onet_task (task_id);
ALTER TABLE onet_task_dwa ADD CONSTRAINT onet_task_dwa_dwa_id_fkey FOREIGN KEY (dwa_id) REFERENCES onet_dwa (dwa_id);
ALTER TABLE onet_task_dwa ADD CONSTRAINT onet_task_dwa_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_technology ADD CONSTRAINT onet_technology_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_tool ADD CONSTRAINT onet_tool_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_ete_category ADD CONSTRAINT onet_ete_category_scale_id_fkey FOREIGN KEY (scale_id) REFERENCES onet_scale (scale_id);
ALTER TABLE onet_ete_category ADD CONSTRAINT onet_ete_category_element_id_fkey FOREIGN KEY (element_id) REFERENCES onet_content_element (element_id);
ALTER TABLE onet_ete ADD CONSTRAINT onet_ete_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_ete ADD CONSTRAINT onet_ete_element_id_fkey FOREIGN KEY (element_id) REFERENCES onet_content_element (element_id);
ALTER TABLE onet_ete ADD CONSTRAINT onet_ete_scale_id_fkey FOREIGN KEY (scale_id) REFERENCES onet_scale (scale_id);
ALTER TABLE onet_ete ADD CONSTRAINT onet_ete_category_fkey FOREIGN KEY (scale_id, category) REFERENCES onet_ete_category (scale_id, category);
ALTER TABLE onet_work_style ADD CONSTRAINT onet_work_style_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_work_style ADD CONSTRAINT onet_work_style_element_id_fkey FOREIGN KEY (element_id) REFERENCES onet_content_element (element_id);
ALTER TABLE onet_interest ADD CONSTRAINT onet_interest_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_interest ADD CONSTRAINT onet_interest_element_id_fkey FOREIGN KEY (element_id) REFERENCES onet_content_element (element_id);
ALTER TABLE onet_interest ADD CONSTRAINT onet_interest_scale_id_fkey FOREIGN KEY (scale_id) REFERENCES onet_scale (scale_id);
ALTER TABLE onet_related_occupation ADD CONSTRAINT onet_related_occupation_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
ALTER TABLE onet_related_occupation ADD CONSTRAINT onet_related_occupation_related_fkey FOREIGN KEY (related) REFERENCES onet2019_occupation (code);

CREATE INDEX onet_task_code_idx ON onet_task (code, position);
COMMENT ON INDEX onet_task_code_idx IS 'The tasks of an occupation in O*NET''s order. Source: derived from the O*NET 27.0 Database (August 2022), USDOL/ETA, CC BY 4.0.';
CREATE INDEX onet_task_task_idx ON onet_task (task);
COMMENT ON INDEX onet_task_task_idx IS 'Finds the occupations that share a task statement (407 statements belong to more than one). Source: derived from the O*NET 27.0 Database (August 2022), USDOL/ETA, CC BY 4.0.';
CREATE INDEX onet_task_dwa_code_idx ON onet_task_dwa (code);
COMMENT ON INDEX onet_task_dwa_code_idx IS 'The work activities of an occupation. Source: derived from the O*NET 27.0 Database (August 2022), USDOL/ETA, CC BY 4.0.';
CREATE INDEX onet_technology_example_idx ON onet_technology (example);
COMMENT ON INDEX onet_technology_example_idx IS 'The occupations that use a technology. Source: derived from the O*NET 27.0 Database (August 2022), USDOL/ETA, CC BY 4.0.';
CREATE INDEX onet_tool_example_idx ON onet_tool (example);
COMMENT ON INDEX onet_tool_example_idx IS 'The occupations that use a tool. Source: derived from the O*NET 27.0 Database (August 2022), USDOL/ETA, CC BY 4.0.';
ALTER TABLE onet_content_vector ADD CONSTRAINT onet_content_vector_code_fkey FOREIGN KEY (code) REFERENCES onet2019_occupation (code);
