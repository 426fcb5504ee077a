-- v10: the sentence layer: each article's sentences as the shared segmenter cut them
-- (`text::sentences`, by the rules of the article's language), so that the dossier reads
-- them instead of segmenting again. Packed byte spans (`store::rules::pack_spans`: for each
-- sentence its gap from the previous end and its length, LEB128 varints). NULL: the segmenter
-- never ran on the stored text; the migration's step runs it on every stored article.
ALTER TABLE articles ADD COLUMN sentences BLOB;
