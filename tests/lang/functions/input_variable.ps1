function all { "n=$(@($input).Count)"; $input -join ',' }
1,2,3 | all
