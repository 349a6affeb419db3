"""O*NET 30.x extract (occupations, interests, technology skills, alternate titles); see LICENSE-ONET.txt."""
